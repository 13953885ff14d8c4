#!/bin/sh
set -e
export AWS_ACCESS_KEY_ID=AKIAFQ5HPDJ34LHM2QQE
export AWS_SECRET_ACCESS_KEY=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
export RESTIC_REPOSITORY=s3:s3.amazonaws.com/acme-backups/restic
export RESTIC_PASSWORD='Maplegranite31+'

mongodump --uri "mongodb+srv://backup:aRID3H0ayliUsi392wTAn4@cluster0.x7k2p.mongodb.net/prod" --archive=/tmp/prod.archive --gzip
restic backup /tmp/prod.archive
restic forget --keep-daily 7 --keep-weekly 4 --prune
