"""Item bank: knowledge points, items (题目), generated variants (举一反三) and micro-lessons (微课)."""
