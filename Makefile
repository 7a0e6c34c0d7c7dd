# See README.md for what each target does and the knobs (BENCH_DIR, FRAPPE_PATH, FRAPPE_BRANCH, SITE, WEB_PORT).
.PHONY: demo test lint bench permissions previews
demo:
	scripts/demo.sh
test:
	scripts/test.sh
lint:
	scripts/lint.sh
bench:
	scripts/setup.sh bench
permissions:
	python3 scripts/permission_matrix.py
previews:
	scripts/previews.sh
