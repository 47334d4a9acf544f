-- Statistics by year or month count statements per day and precision; this index lets them do so in one ordered
-- pass over the index, without reading the table or sorting.
CREATE INDEX ix_statements_said_on_precision ON statements (said_on, said_on_precision);
