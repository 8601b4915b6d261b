#!/usr/bin/env python3
"""Proves the mail servers of tests/mail/start.sh work end to end.

Reads the SAMDRIFT_TEST_* variables start.sh prints, sends mail through
the MX and submission ports and reads it back by IMAP (implicit TLS and
STARTTLS), with every certificate checked against the CA. Prints one line
per step and exits non-zero with the reason on the first failure.

    eval "$(tests/mail/start.sh /tmp/mail)" && python3 tests/mail/check.py
"""

import email
import email.policy
import imaplib
import os
import smtplib
import ssl
import sys
import time
import uuid
from email.message import EmailMessage
from email.utils import make_msgid

HOST = "127.0.0.1"
DESK = "servicedesk@ystad.example"
DESK_PLUS = "servicedesk+t-abc@ystad.example"
ANNA = "anna.andersson@ystad.example"
BO = "bo.berg@ystad.example"
SUBJECT = "Skrivaren på plan två skriver ut blanka sidor – går det att åtgärda?"
DELIVERY_WAIT = 20


class CheckFailed(Exception):
    pass


def env(name):
    value = os.environ.get(name)
    if not value:
        raise CheckFailed(f"{name} is not set; run eval \"$(tests/mail/start.sh BASE)\" first")
    return value


def message(sender, to, subject, body, **headers):
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain=sender.split("@")[1])
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body, cte="quoted-printable")
    return msg


def send(client, msg):
    refused = client.send_message(msg)
    if refused:
        raise CheckFailed(f"recipients refused: {refused}")


def expect_rcpt_refused(client, sender, rcpt, what):
    client.mail(sender)
    code, reply = client.rcpt(rcpt)
    client.rset()
    if not 500 <= code < 600:
        raise CheckFailed(f"{what}: RCPT TO:<{rcpt}> got {code} {reply.decode()!r}, expected 5xx")
    return code


class Mail:
    def __init__(self):
        self.smtp_port = int(env("SAMDRIFT_TEST_SMTP_PORT"))
        self.submission_port = int(env("SAMDRIFT_TEST_SUBMISSION_PORT"))
        self.imap_port = int(env("SAMDRIFT_TEST_IMAP_PORT"))
        self.imaps_port = int(env("SAMDRIFT_TEST_IMAPS_PORT"))
        self.tls = ssl.create_default_context(cafile=env("SAMDRIFT_TEST_MAIL_CA"))
        with open(env("SAMDRIFT_TEST_MAIL_PASSWORD_FILE"), encoding="utf-8") as f:
            self.password = f.read().strip()
        self.run = uuid.uuid4().hex[:8]

    def mx(self):
        client = smtplib.SMTP(HOST, self.smtp_port, timeout=10)
        client.ehlo("check.ystad.example")
        return client

    def submission(self, login):
        client = smtplib.SMTP(HOST, self.submission_port, timeout=10)
        client.ehlo("check.ystad.example")
        if client.has_extn("auth"):
            raise CheckFailed("submission offers AUTH before STARTTLS")
        if not client.has_extn("starttls"):
            raise CheckFailed("submission does not offer STARTTLS")
        client.starttls(context=self.tls)
        client.ehlo("check.ystad.example")
        client.login(login, self.password)
        return client

    def imap(self, login, starttls=False):
        if starttls:
            client = imaplib.IMAP4(HOST, self.imap_port, timeout=10)
            if "STARTTLS" not in client.capabilities:
                raise CheckFailed(f"IMAP port does not offer STARTTLS: {client.capabilities}")
            client.starttls(ssl_context=self.tls)
        else:
            client = imaplib.IMAP4_SSL(HOST, self.imaps_port, ssl_context=self.tls, timeout=10)
        client.login(login, self.password)
        return client

    def inbox(self, login, starttls=False):
        """The messages in LOGIN's INBOX, parsed."""
        client = self.imap(login, starttls)
        try:
            client.select("INBOX", readonly=True)
            _, data = client.search(None, "ALL")
            messages = []
            for num in data[0].split():
                _, parts = client.fetch(num, "(RFC822)")
                messages.append(email.message_from_bytes(parts[0][1], policy=email.policy.default))
            return messages
        finally:
            client.logout()

    def wait_for(self, login, message_ids, starttls=False):
        """LOGIN's INBOX messages by Message-ID once all of MESSAGE_IDS arrived."""
        deadline = time.monotonic() + DELIVERY_WAIT
        while True:
            found = {m["Message-ID"]: m for m in self.inbox(login, starttls)}
            if all(i in found for i in message_ids):
                return found
            if time.monotonic() > deadline:
                missing = [i for i in message_ids if i not in found]
                raise CheckFailed(f"{login}'s INBOX lacks {missing} after {DELIVERY_WAIT} s")
            time.sleep(0.3)


def step1(mail, sent):
    msg = message(ANNA, DESK, SUBJECT, f"Hej!\nSkrivaren i rum 214 skriver ut blanka sidor. ({mail.run})\n/Anna")
    client = mail.mx()
    try:
        if client.has_extn("auth"):
            raise CheckFailed("the MX port offers AUTH")
        send(client, msg)
    finally:
        client.quit()
    sent["question"] = msg["Message-ID"]
    print(f"1. MX port {mail.smtp_port}: {ANNA} -> {DESK} accepted without AUTH, Swedish subject in encoded-words")


def step2(mail, sent):
    reply = message(DESK, ANNA, "Sv: " + SUBJECT, f"Hej Anna,\nvi byter tonern i dag. ({mail.run})\n",
                    In_Reply_To=sent["question"], References=sent["question"])
    plus = message(DESK, DESK_PLUS, f"Ärende T-ABC ({mail.run})", "Till ärendets plusadress.\n")
    client = mail.submission(DESK)
    try:
        send(client, reply)
        send(client, plus)
    finally:
        client.quit()
    sent["reply"] = reply["Message-ID"]
    sent["plus"] = plus["Message-ID"]
    print(f"2. submission port {mail.submission_port}: STARTTLS (certificate verified) and AUTH as {DESK}; "
          f"sent to {ANNA} (In-Reply-To) and {DESK_PLUS}")


def step3(mail):
    client = mail.mx()
    try:
        mx_code = expect_rcpt_refused(client, ANNA, "nobody@ystad.example", "MX port")
        relay_code = expect_rcpt_refused(client, ANNA, "someone@elsewhere.example", "MX port relaying")
    finally:
        client.quit()
    client = mail.submission(DESK)
    try:
        sub_code = expect_rcpt_refused(client, DESK, "nobody@ystad.example", "submission port")
    finally:
        client.quit()
    client = smtplib.SMTP(HOST, mail.submission_port, timeout=10)
    try:
        client.starttls(context=mail.tls)
        client.ehlo("check.ystad.example")
        try:
            client.login(DESK, mail.password + "x")
        except smtplib.SMTPAuthenticationError:
            pass
        else:
            raise CheckFailed("submission accepted a wrong password")
        anon_code = expect_rcpt_refused(client, DESK, ANNA, "submission port without AUTH")
    finally:
        client.quit()
    print(f"3. refused at RCPT: nobody@ystad.example on MX ({mx_code}) and submission ({sub_code}); "
          f"relaying via MX ({relay_code}); submission without AUTH ({anon_code}); wrong password")


def step4(mail, sent):
    for starttls in (False, True):
        how = f"IMAP+STARTTLS port {mail.imap_port}" if starttls else f"IMAPS port {mail.imaps_port}"
        desk = mail.wait_for(DESK, [sent["question"], sent["plus"]], starttls)
        question = desk[sent["question"]]
        raw_subject = dict(question.raw_items())["Subject"]
        if "=?utf-8?" not in raw_subject.lower():
            raise CheckFailed(f"{DESK} ({how}): subject not sent as encoded-words: {raw_subject!r}")
        if str(question["Subject"]) != SUBJECT:
            raise CheckFailed(f"{DESK} ({how}): subject {question['Subject']!r}, expected {SUBJECT!r}")
        if str(desk[sent["plus"]]["To"]) != DESK_PLUS:
            raise CheckFailed(f"{DESK} ({how}): plus-addressed mail has To {desk[sent['plus']]['To']!r}")
        anna = mail.wait_for(ANNA, [sent["reply"]], starttls)
        in_reply_to = anna[sent["reply"]]["In-Reply-To"]
        if in_reply_to != sent["question"]:
            raise CheckFailed(f"{ANNA} ({how}): reply has In-Reply-To {in_reply_to!r}, expected {sent['question']!r}")
        print(f"4. {how} (certificate verified): {DESK}'s INBOX has the question and the mail to {DESK_PLUS} "
              f"(To intact); {ANNA}'s has the reply with In-Reply-To")
    client = mail.imap(DESK)
    try:
        _, caps = client.capability()
        if b"IDLE" not in caps[0].split():
            raise CheckFailed(f"IMAP does not advertise IDLE: {caps[0].decode()}")
        idle_sees_new_mail(mail, client, sent)
    finally:
        client.logout()
    print(f"   IDLE advertised, and an IDLE session on {DESK}'s INBOX is told of new mail")


def idle_sees_new_mail(mail, client, sent):
    client.select("INBOX")
    tag = client._new_tag()
    client.send(tag + b" IDLE\r\n")
    if not client.readline().startswith(b"+"):
        raise CheckFailed("IDLE was not accepted")
    msg = message(ANNA, DESK, f"Tillägg ({mail.run})", "Det gäller även skrivaren i rum 215.\n")
    sender = mail.mx()
    try:
        send(sender, msg)
    finally:
        sender.quit()
    sent["followup"] = msg["Message-ID"]
    client.sock.settimeout(DELIVERY_WAIT)
    try:
        line = client.readline()
        while b"EXISTS" not in line:
            line = client.readline()
    except OSError as e:
        raise CheckFailed(f"IDLE reported no new mail within {DELIVERY_WAIT} s ({e})") from e
    client.send(b"DONE\r\n")
    while not client.readline().startswith(tag):
        pass


def step5(mail):
    try:
        mail.imap(BO).logout()
        mail.imap(BO, starttls=True).logout()
    except imaplib.IMAP4.error as e:
        raise CheckFailed(f"{BO} cannot log in: {e}") from e
    bo = mail.inbox(BO)
    if bo:
        raise CheckFailed(f"{BO}'s INBOX is not empty: {[m['Subject'] for m in bo]}")
    client = imaplib.IMAP4_SSL(HOST, mail.imaps_port, ssl_context=mail.tls, timeout=10)
    try:
        client.login(BO, mail.password + "x")
    except imaplib.IMAP4.error:
        pass
    else:
        raise CheckFailed("IMAP accepted a wrong password")
    finally:
        client.shutdown()
    print(f"5. {BO} logs in and sees an empty INBOX (none of the mail above); a wrong password is refused")


def clean_up(mail, sent):
    """Removes the mail sent here, so the tests find the mailboxes as they were."""
    removed = 0
    for login in (DESK, ANNA):
        client = mail.imap(login)
        try:
            client.select("INBOX")
            for message_id in sent.values():
                _, data = client.search(None, "HEADER", "Message-ID", f'"{message_id}"')
                for num in data[0].split():
                    client.store(num, "+FLAGS", "\\Deleted")
                    removed += 1
            client.expunge()
        finally:
            client.logout()
    print(f"   removed the {removed} mails sent here")


def main():
    sent = {}
    steps = [
        ("1 (mail to the desk through the MX port)", lambda mail: step1(mail, sent)),
        ("2 (mail from the desk through submission)", lambda mail: step2(mail, sent)),
        ("3 (refusals)", step3),
        ("4 (reading by IMAP)", lambda mail: step4(mail, sent)),
        ("5 (another login's mailbox)", step5),
        ("clean-up", lambda mail: clean_up(mail, sent)),
    ]
    step = "0 (the variables of tests/mail/start.sh)"
    try:
        mail = Mail()
        for step, run in steps:
            run(mail)
    except (CheckFailed, OSError, smtplib.SMTPException, imaplib.IMAP4.error) as e:
        print(f"mail check failed at step {step}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print("mail: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
