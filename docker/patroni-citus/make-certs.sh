#!/bin/sh
# Makes, once, a CA and one server certificate naming every database node, in the volume at $1 (default /certs):
# the services and the nodes trust ca.crt and check the host name (sslmode=verify-full). Bring your own in
# production: put ca.crt, server.crt and server.key (mode 0600, owned by postgres) in the volume instead.
set -eu
dir=${1:-/certs}
[ -f "$dir/server.crt" ] && exit 0
cd "$dir"
names="DNS:coord1,DNS:coord2,DNS:worker1-1,DNS:worker1-2,DNS:worker2-1,DNS:worker2-2"
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=dialogs database CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" \
  -keyout ca.key -out ca.crt
openssl req -newkey rsa:2048 -nodes -subj "/CN=dialogs database" -keyout server.key -out server.csr
printf 'subjectAltName=%s\n' "$names" > server.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -extfile server.ext \
  -out server.crt
rm server.csr server.ext ca.key
chmod 0644 ca.crt server.crt
chmod 0600 server.key
chown postgres:postgres server.key
