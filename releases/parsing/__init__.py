"""Release-name parsing split by topic; `releases.parser` is the public face."""
