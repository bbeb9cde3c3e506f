#!/usr/bin/env bash
# Creates the compose secrets (JWT key pair, admin password) in ./secrets/ — never committed.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets
chmod 700 secrets
[ -f secrets/jwt-private.pem ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out secrets/jwt-private.pem
openssl pkey -in secrets/jwt-private.pem -pubout -out secrets/jwt-public.pem
[ -f secrets/admin-password ] || openssl rand -base64 18 | tr -d '\n=' > secrets/admin-password
chmod 600 secrets/*
echo "secrets in $(pwd)/secrets (admin password: secrets/admin-password)"
