"""Where the tests find the project and put what they keep."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
# A neutral page the browser tests intercept; the real default leaves the site.
NEUTRAL_URL = "https://neutral.invalid/weather"
