"""Every notice of the procedure as a document (DOCX and PDF) from one template engine.

make.py builds them (``build``, ``issue_receipt``), kinds.py holds each kind's text and inputs,
engine.py the template language, document.py the model both writers (docx.py, pdf.py) lay out.
Kept empty so that models.py may import catalog.py without importing the models back.
"""
