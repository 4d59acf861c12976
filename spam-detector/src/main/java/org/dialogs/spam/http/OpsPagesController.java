package org.dialogs.spam.http;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The ops pages: plain HTML and JavaScript from {@code static/ops}; {@link OpsSecurity} handles login and logout. */
@Controller
class OpsPagesController {

    @GetMapping({"/ops", "/ops/"})
    String dashboard() {
        return "forward:/ops/index.html";
    }

    @GetMapping("/ops/login")
    String loginPage() {
        return "forward:/ops/login.html";
    }
}
