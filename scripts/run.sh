#!/usr/bin/env bash
# Installs what is missing, builds the release site and serves it on http://127.0.0.1:3000 with an
# embedded SQLite database under data/ (filled with the world cities and demo initiatives on first
# start). Mails go to data/outbox/*.eml unless SMTP_URL is set. Ctrl-C (or SIGTERM) stops it cleanly.
source "$(dirname "$0")/common.sh"

install_build_tools
build_release

# Plain http on this machine: the session cookie cannot carry the Secure flag here. Anywhere
# reached over https, leave SECURE_COOKIES unset (it defaults to true).
export SECURE_COOKIES="${SECURE_COOKIES:-false}"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/newcityzens.db}"
# On an empty database: the world cities and the demo initiatives, so a first visit shows a living
# site (nothing is added once initiatives are published).
step "preparing the database (cities and demo content on first start)"
"$(server_binary)" seed-demo --if-empty
step "serving (Ctrl-C stops)"
exec "$(server_binary)" serve
