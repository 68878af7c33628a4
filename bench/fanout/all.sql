-- Before: every endpoint not disabled, for the service to filter in memory.
SELECT * FROM endpoints AS e WHERE e.state <> 'Disabled';
