"""Local test doubles of Okta's management API (and, later, Twilio Admin Center).

They are built to Okta's and Twilio's public documentation. Nothing that passes against them
has been shown to work against real Okta or Twilio.
"""
