"""Submissions as they arrive: mail messages (.eml files, folders of them, mbox files).

:mod:`zengshou.intake.mail` reads mail — messages, dates, the sender map, attachments;
:mod:`zengshou.intake.attachments` imports the attachments with the forms package's readers
(intake sits above forms in the layers; forms never imports intake).
"""
