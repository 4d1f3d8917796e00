"""Police work: her consent, the police-report PDF, audited police requests
and the anonymised intelligence export.
"""
