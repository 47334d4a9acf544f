-- Statistics by month count statements per day over ix_statements_said_on, then move those known only to the year
-- (stored on its first day) to their own group; this small partial index counts those without reading the table.
CREATE INDEX ix_statements_year_precision ON statements (said_on) WHERE said_on_precision = 'year';
