"""Tests of the operational store (store/): engines, migrations, accounts, offices."""
