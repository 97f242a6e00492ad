"""Citizens' feedback (phản ánh, kiến nghị, PAKN) about administrative rules: the public record of every
item, its handling in working days and its answer (NĐ 20/2008/NĐ-CP; plan section VI)."""
