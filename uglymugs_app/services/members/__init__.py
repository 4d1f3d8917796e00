"""People: accounts, verification of applicants, staff's list of people, log-in."""
