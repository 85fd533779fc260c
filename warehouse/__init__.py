"""DuckDB warehouse: DDL and views as SQL files, loading and read-only queries."""
