"""The plan for controlling administrative procedures (kế hoạch kiểm soát TTHC), the units that carry it
out and their quarterly progress reports: three datasets of the pipeline."""
