"""Submissions as they arrive: mail messages (.eml files, folders of them, mbox files).

This package only reads mail — headers, dates, sender map and attachments. What to do with an
attachment (read it as a form, a Word table, a YAML submission) is the forms package's job;
the CLI hands one to the other (:mod:`zengshou.forms.mail_import`).
"""
