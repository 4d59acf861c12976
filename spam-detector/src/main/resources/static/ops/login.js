// The login page's one behaviour, in a file of its own: the content policy allows no inline script.
'use strict';

if (location.search.includes('failed')) document.getElementById('failed').hidden = false;
