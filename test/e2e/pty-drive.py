"""Runs a command in a pseudo-terminal and answers its prompts, as a person at a terminal would.

Usage: python3 pty-drive.py ANSWERS_JSON PROMPT COMMAND [ARGS...]

Each time the command's output shows PROMPT once more, the next answer (plus Enter) is typed.
Prints the whole terminal transcript on stdout and exits with the command's exit code. Gives up
(exit 124) when the command has printed nothing for 60 seconds: a hang fails instead of stalling.
"""

import json
import os
import pty
import select
import sys


def main() -> int:
    answers = json.loads(sys.argv[1])
    prompt = sys.argv[2].encode()
    command = sys.argv[3:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    transcript = b""
    answered = 0
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            os.kill(pid, 9)
            sys.stdout.buffer.write(transcript)
            return 124
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        transcript += chunk
        while transcript.count(prompt) > answered:
            answer = answers[answered] if answered < len(answers) else "q"
            os.write(fd, (answer + "\n").encode())
            answered += 1
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(transcript)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
