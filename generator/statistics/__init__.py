"""The one-stop-shop results (Biểu 06 of TT 01/2020/TT-VPCP): one file per quarter, one row per sector."""
