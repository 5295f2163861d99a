"""Sending what the coordinator used to send by hand: reminders, review comments, receipts.

Layout: :mod:`.settings` reads the ``[smtp]``, ``[wecom]``, ``[dingtalk]`` and ``[notify]``
tables of zengshou.toml (secrets may come from the environment instead, never from the command
line); :mod:`.mime` builds the mails; :mod:`.channels` talks SMTP (smtplib) and the group robots'
webhooks (urllib.request) with bounded retries and the robots' 20-a-minute limit;
:mod:`.sendlog` is the append-only record of every attempt; :mod:`.plan` decides what goes to
whom (the dry run prints exactly that) and :mod:`.send` carries a plan out.

Only the standard library talks to the network, so nothing new is installed where the tool runs.
"""
