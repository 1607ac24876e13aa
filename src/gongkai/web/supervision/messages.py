"""The Chinese sentences of the county office's supervision pages (users see Chinese; code stays English)."""

BOARD_TITLE = "{year}年度 政府信息公开工作年度报告 报送和发布情况"
