#!/bin/sh
# Run by `npm test`: the HTML report's browser tests drive Debian's chromium (playwright-core downloads no browser).
# Installed when absent and apt-get can (root on Debian, as in CI); otherwise said once, and those tests fail with it.
[ -n "$LEAKSWEEP_CHROMIUM" ] && exit 0
[ -x /usr/bin/chromium ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "leaksweep tests: installing Debian's chromium for the HTML report's browser tests" >&2
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null && exit 0
fi
echo "leaksweep tests: no /usr/bin/chromium and no way to install it here: the HTML browser tests will fail (apt-get install chromium, or set LEAKSWEEP_CHROMIUM)" >&2
exit 0
