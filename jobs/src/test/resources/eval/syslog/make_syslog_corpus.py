#!/usr/bin/env python3
"""Writes Syslog/Syslog_2k.log and Syslog/Syslog_2k.log_structured.csv: a hand-written syslog corpus.

Every message kind below was written by hand from public syslog conventions (RFC 3164 lines, the usual
messages of sshd, su, sudo, cron, kernel, dhclient, ntpd, systemd, ftpd, postfix, logrotate), not copied
from any labelled data set. Variable values (IPs, ports, PIDs, user and host names, paths, dates, times,
sizes) are drawn from small pools with a fixed seed; the expected template is the message with each slot
as <*>. Units, keys (uid=, rhost=) and fixed words stay constant. Run from this folder:
python3 make_syslog_corpus.py
"""
import csv
import random

R = random.Random(20260630)
USERS = ["root", "alice", "bob", "news", "cyrus", "test", "admin", "www-data", "postgres", "deploy"]
HOSTS = ["mail.example.org", "gw.corp.example.net", "host-203-0-113-5.example.com", "localhost",
         "db01.internal.example.com", "ns1.example.net", "web.example.co.uk", "scanner.example.biz"]
PROGS = ["java", "python3", "postgres", "nginx", "chrome", "mysqld", "node"]
PATHS = ["/var/log/messages", "/etc/cron.hourly", "/usr/sbin/logrotate", "/home/alice/.bashrc",
         "/var/spool/mail/bob", "/tmp/tmp.Xa91bQ", "/etc/ssh/sshd_config", "/dev/sda1"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TTYS = ["pts/0", "pts/1", "pts/3", "tty1"]


def ip():
    return "%d.%d.%d.%d" % (R.choice([10, 192, 203, 198, 172]), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254))


def clock():
    return "%02d:%02d:%02d" % (R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))


def ctime():
    return "%s %s %2d %s %d" % (R.choice(WEEKDAYS), R.choice(MONTHS), R.randint(1, 28), clock(), R.choice([2005, 2021, 2024]))


SLOTS = {
    "ip": ip,
    "port": lambda: str(R.randint(1024, 65535)),
    "pid": lambda: str(R.randint(100, 32000)),
    "num": lambda: str(R.randint(0, 5000)),
    "small": lambda: str(R.randint(2, 9)),
    "uid": lambda: str(R.choice([0, 0, 33, 1000, 1001, 105])),
    "user": lambda: R.choice(USERS),
    "host": lambda: R.choice(HOSTS),
    "prog": lambda: R.choice(PROGS),
    "path": lambda: R.choice(PATHS),
    "tty": lambda: R.choice(TTYS),
    "ctime": ctime,
    "stamp": lambda: "%s %2d %s" % (R.choice(MONTHS), R.randint(1, 28), clock()),
    "iso": lambda: "2024-%02d-%02dT%s.%03dZ" % (R.randint(1, 12), R.randint(1, 28), clock(), R.randint(0, 999)),
    "clock": clock,
    "hex": lambda: "0x%08x" % R.getrandbits(32),
    "sha": lambda: "SHA256:" + "".join(R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(43)),
    "offset": lambda: "%+.6f" % R.uniform(-2, 2),
    "kb": lambda: str(R.randint(1000, 9000000)),
    "seq": lambda: str(R.randint(1, 4000000000)),
}

# (weight, program, message). {slot} is a variable; everything else is constant.
KINDS = [
    (60, "sshd", "Accepted password for {user} from {ip} port {port} ssh2"),
    (30, "sshd", "Accepted publickey for {user} from {ip} port {port} ssh2: RSA {sha}"),
    (90, "sshd", "Failed password for {user} from {ip} port {port} ssh2"),
    (70, "sshd", "Failed password for invalid user {user} from {ip} port {port} ssh2"),
    (60, "sshd", "Invalid user {user} from {ip} port {port}"),
    (80, "sshd", "pam_unix(sshd:session): session opened for user {user} by (uid={uid})"),
    (80, "sshd", "pam_unix(sshd:session): session closed for user {user}"),
    (90, "sshd", "pam_unix(sshd:auth): authentication failure; logname= uid={uid} euid={uid} tty=ssh ruser= rhost={host}  user={user}"),
    (50, "sshd", "pam_unix(sshd:auth): authentication failure; logname= uid={uid} euid={uid} tty=ssh ruser= rhost={ip}"),
    (40, "sshd", "pam_unix(sshd:auth): check pass; user unknown"),
    (40, "sshd", "Received disconnect from {ip} port {port}:11: disconnected by user"),
    (40, "sshd", "Connection closed by {ip} port {port} [preauth]"),
    (20, "sshd", "reverse mapping checking getaddrinfo for {host} [{ip}] failed - POSSIBLE BREAK-IN ATTEMPT!"),
    (20, "sshd", "Did not receive identification string from {ip}"),
    (6, "sshd", "Server listening on 0.0.0.0 port 22."),
    (30, "su", "pam_unix(su:session): session opened for user {user} by {user}(uid={uid})"),
    (20, "su", "(to {user}) {user} on {tty}"),
    (20, "sudo", "{user} : TTY={tty} ; PWD={path} ; USER=root ; COMMAND={path}"),
    (60, "CRON", "pam_unix(cron:session): session opened for user {user} by (uid={uid})"),
    (60, "CRON", "pam_unix(cron:session): session closed for user {user}"),
    (40, "CRON", "({user}) CMD (run-parts {path})"),
    (15, "kernel", "Out of memory: Killed process {pid} ({prog}) total-vm:{kb}kB, anon-rss:{kb}kB, file-rss:{kb}kB, shmem-rss:{kb}kB"),
    (15, "kernel", "{prog} invoked oom-killer: gfp_mask={hex}, order=0, oom_score_adj=0"),
    (15, "kernel", "EXT4-fs (sda1): mounted filesystem with ordered data mode. Opts: (null)"),
    (15, "kernel", "usb 1-1: new high-speed USB device number {small} using ehci-pci"),
    (20, "kernel", "e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx"),
    (20, "kernel", "[UFW BLOCK] IN=eth0 OUT= SRC={ip} DST={ip} LEN={num} TTL={num} ID={num} PROTO=TCP SPT={port} DPT={port}"),
    (15, "kernel", "audit: type=1400 audit({num}.{num}:{num}): apparmor=\"DENIED\" operation=\"open\" profile=\"{path}\" name=\"{path}\" pid={pid} comm=\"{prog}\""),
    (30, "dhclient", "DHCPREQUEST on eth0 to {ip} port 67 (xid={hex})"),
    (30, "dhclient", "DHCPACK from {ip} (xid={hex})"),
    (30, "dhclient", "bound to {ip} -- renewal in {num} seconds."),
    (20, "ntpd", "synchronized to {ip}, stratum {small}"),
    (20, "ntpd", "time reset {offset} s"),
    (10, "ntpd", "Listen normally on {small} eth0 {ip}:123"),
    (40, "systemd", "Started Session {num} of user {user}."),
    (30, "systemd", "Removed slice User Slice of {user}."),
    (10, "systemd", "Starting Daily apt upgrade and clean activities..."),
    (60, "ftpd", "connection from {ip} ({host}) at {ctime}"),
    (40, "ftpd", "connection from {ip} () at {ctime}"),
    (20, "ftpd", "ANONYMOUS FTP LOGIN FROM {ip}, {user}"),
    (20, "logrotate", "ALERT exited abnormally with [1]"),
    (20, "syslogd", "restart (remote reception)."),
    (30, "syslogd", "last message repeated {small} times"),
    (20, "login", "LOGIN ON {tty} BY {user}"),
    (20, "login", "FAILED LOGIN {small} FROM {host} FOR {user}, Authentication failure"),
    (20, "backup", "backup of {path} finished at {iso}, {kb} bytes written"),
    (20, "backup", "next run scheduled for {stamp}"),
    (20, "postfix/smtpd", "connect from {host}[{ip}]"),
    (20, "postfix/smtpd", "disconnect from {host}[{ip}]"),
    (15, "postfix/qmgr", "{hex}: removed"),
    (15, "anacron", "Job `cron.daily' started"),
    (15, "anacron", "Normal exit ({small} jobs run)"),
]

SLOT_NAMES = sorted(SLOTS, key=len, reverse=True)


def render(msg):
    out, tpl, i = [], [], 0
    while i < len(msg):
        if msg[i] == "{":
            j = msg.index("}", i)
            out.append(SLOTS[msg[i + 1:j]]())
            tpl.append("<*>")
            i = j + 1
        else:
            out.append(msg[i])
            tpl.append(msg[i])
            i += 1
    return "".join(out), "".join(tpl)


def main():
    weights = [k[0] for k in KINDS]
    ids = {}
    with open("Syslog/Syslog_2k.log", "w", newline="") as log, \
            open("Syslog/Syslog_2k.log_structured.csv", "w", newline="") as truth:
        w = csv.writer(truth)
        w.writerow(["LineId", "Content", "EventId", "EventTemplate"])
        for n in range(1, 2001):
            _, prog, msg = R.choices(KINDS, weights)[0]
            content, template = render(msg)
            eid = ids.setdefault(template, "E%d" % (len(ids) + 1))
            head = "%s %2d %s combo %s[%s]" % (R.choice(MONTHS), R.randint(1, 28), clock(), prog, R.randint(100, 32000))
            log.write("%s: %s\n" % (head, content))
            w.writerow([n, content, eid, template])


if __name__ == "__main__":
    main()
