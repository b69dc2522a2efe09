"""The analyst's workbench: charts, notebook helpers, reports and batches of reports."""
