# Copyright: (c) 2026, twilio_okta.sso contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How the HTTP clients retry: exponential backoff with jitter, rate-limit waits from the server's headers, and
bounds on attempts and total waiting time."""

from __future__ import annotations

import random
import time
from email.utils import parsedate_to_datetime


class RetryPolicy:
    """How long to keep trying: bounded both in attempts and in total waiting time."""

    def __init__(
        self,
        max_attempts=6,
        max_total_wait=120.0,
        backoff_base=0.5,
        backoff_cap=20.0,
        rate_limit_cap=60.0,
        uncertain_lookups=5,
    ):
        self.max_attempts = max_attempts
        self.uncertain_lookups = uncertain_lookups
        self.max_total_wait = max_total_wait
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.rate_limit_cap = rate_limit_cap

    def backoff(self, attempt):
        delay = min(self.backoff_cap, self.backoff_base * (2 ** (attempt - 1)))
        return delay + random.uniform(0, delay / 4)

    def rate_limit_wait(self, response):
        """Seconds to wait after a 429: until X-Rate-Limit-Reset (Okta), measured on the server's clock (its Date
        header), or Retry-After seconds (the HTTP standard); None when the answer says neither."""
        reset = response.headers.get("X-Rate-Limit-Reset")
        if not reset:
            try:
                return min(self.rate_limit_cap, max(0.0, float(response.headers["Retry-After"])))
            except (KeyError, TypeError, ValueError):
                return None
        try:
            now = parsedate_to_datetime(response.headers["Date"]).timestamp()
        except (KeyError, TypeError, ValueError):
            now = time.time()
        try:
            wait = float(reset) - now
        except ValueError:
            return None
        return min(self.rate_limit_cap, max(0.0, wait)) + random.uniform(0, 1)

    def delay_before_retry(self, response, attempt, waited):
        """Seconds to wait before trying again after attempt (response None: no answer at all), or None when the
        attempts or the total waiting time are used up."""
        delay = self.rate_limit_wait(response) if response is not None and response.status_code == 429 else None
        delay = self.backoff(attempt) if delay is None else delay
        if attempt >= self.max_attempts or waited + delay > self.max_total_wait:
            return None
        return delay
