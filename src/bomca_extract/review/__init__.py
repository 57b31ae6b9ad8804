"""Review: what a run extracted, shown to people (the HTML report) and corrected by them
(annotation-tool exports and the corrections imported back as gold files)."""
