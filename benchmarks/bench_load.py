"""N simulated trainees interviewing through the real server, at the websocket level (no browsers).

Usage:
    python benchmarks/bench_load.py [--trainees 20] [--turns 8] [--think 10] [--postgres | --database-url URL]
    python benchmarks/bench_load.py --sessions 200 --trainees 20 --turns 3 --english-only     # memory
    python benchmarks/bench_load.py --url ws://127.0.0.1:8080 --database-url URL               # a running deployment

It starts the app as scripts/start.sh does (``python -m app_pages.server``, models loading at start) on a free
loopback port, with a fresh SQLite file (or a throwaway PostgreSQL cluster from .ci/start_postgres.sh with
``--postgres``), waits for the models, and then runs N trainees at once. Each one is what a browser tab does,
spoken in Streamlit's own protocol (``streamlit.proto``: BackMsg out, ForwardMsg in, over
``/_stcore/stream``): open the gallery as ``?trainee=NAME``, press "Interview <persona>", and ask ``--turns``
questions through the chat input, ``--think`` seconds apart (± 50 %; the default, 10 s, is quicker than people
read a reply and type the next question: 15-30 s).

Printed: the reply time of every question (from sending it to the page's run being finished, the persona's
whole reply streamed; and to its first words), p50/p95/max; errors (an exception or an error box on a page,
a dropped connection, no reply within ``--timeout``); lost turns (each trainee's session read back from the
database: every question sent must be there once, in order, with contiguous turn indexes, and answered);
the server's RSS before and after. Target on 2 cores: 20 trainees, p95 <= 1 s, 0 errors, 0 lost turns.

The client side (asyncio, protobuf parsing) runs on the same machine and takes a share of its cores: the
numbers are the server's capacity on what the client leaves it, a conservative figure.

``--english-only`` gives the server only the English personas (the launcher points the shipped persona folder at
a temporary folder holding them), so it never loads the multilingual model: what an English-speaking team's
server holds. ``--sessions N`` runs N trainees in waves of ``--trainees`` and prints the RSS after every wave
(memory growth with sessions).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTIONS = [
    "Tell me about the last time you did this.",
    "What happened after that?",
    "How did you feel about it?",
    "Do you usually do it on your own?",
    "Walk me through a typical week.",
    "What was the hardest part?",
    "Why was that important to you?",
    "Did you try anything else?",
    "What would you change about it?",
    "Can you give me an example?",
    "Who else was involved?",
    "What did it cost you?",
]
PERSONA = "maria-grocery-lapsed"


# The server ----------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            if p == pid:
                return None
    return total / 1024


ENGLISH_ONLY_LAUNCHER = """
import sys
from pathlib import Path
import simulator.persona as persona
persona.BUILTIN_DIR = Path(sys.argv.pop(1))
from app_pages.server import main
main()
"""


class Server:
    """``python -m app_pages.server`` on a loopback port, with its own database and data folder."""

    def __init__(self, database_url: str, work: Path, *, embedder: str | None, english_only: bool,
                 session_ttl: int | None, malloc_arena_max: int = 2) -> None:
        self.port = free_port()
        self.url = f"ws://127.0.0.1:{self.port}"
        env = dict(os.environ, INTERVIEW_SIM_DATABASE_URL=database_url, INTERVIEW_SIM_DATA_DIR=str(work),
                   HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
        if malloc_arena_max:  # as scripts/start.sh sets it
            env["MALLOC_ARENA_MAX"] = str(malloc_arena_max)
        if embedder:
            env["INTERVIEW_SIM_EMBEDDER"] = embedder
        flags = ["--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true",
                 "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
        if session_ttl is not None:
            flags += ["--server.disconnectedSessionTTL", str(session_ttl)]
        if english_only:
            folder = work / "personas-en"
            folder.mkdir()
            import yaml

            for file in sorted((ROOT / "personas").glob("*.yaml")):
                head = yaml.safe_load(file.read_text(encoding="utf-8"))
                if isinstance(head, dict) and str(head.get("language", "en")).split("-")[0] == "en":
                    shutil.copy(file, folder / file.name)
            command = [sys.executable, "-c", ENGLISH_ONLY_LAUNCHER, str(folder), *flags]
        else:
            command = [sys.executable, "-m", "app_pages.server", *flags]
        self.log = open(work / "server.log", "wb")
        self.started = time.monotonic()
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_healthy(self, timeout: float = 120) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}); see {self.log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return time.monotonic() - self.started
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the server did not answer within {timeout:.0f} s; see {self.log.name}")

    @property
    def rss(self) -> float | None:
        return rss_mb(self.process.pid)

    def stop(self) -> float:
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        return time.monotonic() - started


def start_postgres() -> tuple[str, str]:
    """A throwaway cluster from .ci/start_postgres.sh: (URL, the command that stops it)."""
    done = subprocess.run(["bash", str(ROOT / ".ci" / "start_postgres.sh")], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"could not start PostgreSQL: {done.stderr.strip()[-300:]}")
    stop = next((line.split("stop it with: ", 1)[1] for line in done.stderr.splitlines() if "stop it with: " in line), "")
    return done.stdout.strip().splitlines()[-1], stop


# One trainee: Streamlit's protocol -------------------------------------------------------------------------------

@dataclass
class Run:
    """What one script run sent back."""

    seconds: float
    first_words: float | None
    errors: list[str]


class Tab:
    """One browser tab on the app, spoken in BackMsg/ForwardMsg over the websocket."""

    def __init__(self, url: str, query: str, timeout: float) -> None:
        self.url = url.rstrip("/") + "/_stcore/stream"
        self.query = query
        self.page_hash = ""
        self.timeout = timeout
        self.widgets: dict[str, str] = {}  # widget id -> element type, from the last run
        self.ws = None

    async def open(self) -> Run:
        from websockets.asyncio.client import connect

        self.ws = await connect(self.url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout,
                                ping_interval=None)
        return await self.run()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def widget(self, key: str) -> str | None:
        """The id of the widget whose user key is ``key`` (Streamlit ends such ids with ``-<key>``)."""
        return next((wid for wid in self.widgets if wid.endswith("-" + key)), None)

    async def run(self, widgets: list | None = None) -> Run:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.widget_states.widgets.extend(widgets or [])
        started = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        return await self._until_finished(started)

    async def _until_finished(self, started: float) -> Run:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        errors: list[str] = []
        widgets: dict[str, str] = {}
        assistant_blocks: list[tuple[int, ...]] = []
        element_times: list[tuple[tuple[int, ...], float]] = []
        deadline = time.perf_counter() + self.timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no finished page within {self.timeout:.0f} s")
            try:
                raw = await asyncio.wait_for(self.ws.recv(), left)
            except (TimeoutError, asyncio.TimeoutError):
                raise TimeoutError(f"no finished page within {self.timeout:.0f} s") from None
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash or self.page_hash
                widgets.clear()
                assistant_blocks.clear()
                element_times.clear()
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta":
                path = tuple(msg.metadata.delta_path)
                delta = msg.delta
                which = delta.WhichOneof("type")
                if which == "add_block" and delta.add_block.WhichOneof("type") == "chat_message":
                    if delta.add_block.chat_message.name == "assistant":
                        assistant_blocks.append(path)
                elif which == "new_element":
                    element = delta.new_element
                    etype = element.WhichOneof("type")
                    element_times.append((path, time.perf_counter()))
                    inner = getattr(element, etype) if etype else None
                    if inner is not None and hasattr(inner, "id") and getattr(inner, "id", ""):
                        widgets[inner.id] = etype
                    if etype == "exception":
                        errors.append(f"exception {element.exception.type}: {element.exception.message[:200]}")
                    elif etype == "alert" and element.alert.format == element.alert.ERROR:
                        errors.append(f"error box: {element.alert.body[:200]}")
            elif kind == "script_finished":
                if msg.script_finished == msg.FINISHED_EARLY_FOR_RERUN:
                    continue  # st.switch_page or st.rerun: the next run follows
                finished = time.perf_counter()
                self.widgets = widgets
                first = None
                if assistant_blocks:
                    last = assistant_blocks[-1]
                    times = [t for p, t in element_times if p[: len(last)] == last and len(p) > len(last)]
                    first = min(times) - started if times else None
                if msg.script_finished == msg.FINISHED_WITH_COMPILE_ERROR:
                    errors.append("the page failed to compile")
                return Run(finished - started, first, errors)


def trigger(widget_id: str):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=widget_id)
    state.trigger_value = True
    return state


def chat(widget_id: str, text: str):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=widget_id)
    state.chat_input_value.data = text
    return state


@dataclass
class Trainee:
    name: str
    sid: str | None = None
    sent: list[str] = field(default_factory=list)
    replies: list[float] = field(default_factory=list)
    first_words: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    start_seconds: float | None = None


async def interview(url: str, name: str, turns: int, think: float, timeout: float, rng: random.Random,
                    persona: str = PERSONA) -> Trainee:
    """One trainee: the gallery, "Interview <persona>", ``turns`` questions."""
    me = Trainee(name)
    tab = Tab(url, f"trainee={quote(name)}", timeout)
    try:
        run = await tab.open()
        me.errors += run.errors
        start = tab.widget(f"start-{persona}")
        if start is None:
            me.errors.append(f"no 'Interview' button for {persona} on the gallery")
            return me
        run = await tab.run([trigger(start)])
        me.start_seconds = run.seconds
        me.errors += run.errors
        box = tab.widget("chat")
        if box is None:
            me.errors.append("the interview page has no chat input")
            return me
        for k in range(turns):
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            question = QUESTIONS[(zlib.crc32(name.encode()) + k) % len(QUESTIONS)]
            me.sent.append(question)
            run = await tab.run([chat(box, question)])
            me.replies.append(run.seconds)
            if run.first_words is not None:
                me.first_words.append(run.first_words)
            me.errors += run.errors
            box = tab.widget("chat") or box
    except (TimeoutError, asyncio.TimeoutError) as e:
        me.errors.append(f"timeout: {e}")
    except Exception as e:  # noqa: BLE001 - a dropped connection is an error to count, not a crash
        me.errors.append(f"{type(e).__name__}: {e}")
    finally:
        me.sid = (parse_qs(tab.query).get("sid") or [None])[0]
        try:
            await tab.close()
        except Exception:  # noqa: BLE001
            pass
    return me


# Checking the database ----------------------------------------------------------------------------------------

def lost_turns(database_url: str, trainees: list[Trainee]) -> tuple[int, list[str]]:
    """Questions sent but not stored once, in order, answered, with contiguous indexes; and what was wrong."""
    from simulator.store import Store
    from simulator.transcript import PERSONA as PERSONA_SPEAKER
    from simulator.transcript import TRAINEE

    store = Store(database_url, migrate=False)
    lost, problems = 0, []
    try:
        for t in trainees:
            if not t.sent:
                continue
            if t.sid is None:
                lost += len(t.sent)
                problems.append(f"{t.name}: no session id in the address")
                continue
            transcript = store.load(t.sid, trainee=t.name)
            turns = transcript.turns
            if [turn.index for turn in turns] != list(range(len(turns))):
                problems.append(f"{t.name}: turn indexes {[turn.index for turn in turns]} are not contiguous")
            asked = [turn.text for turn in turns if turn.speaker == TRAINEE]
            missing = len(t.sent) - sum(1 for a, b in zip(asked, t.sent) if a == b)
            if missing or len(asked) != len(t.sent):
                lost += max(missing, abs(len(asked) - len(t.sent)))
                problems.append(f"{t.name}: sent {len(t.sent)} questions, stored {len(asked)}")
            unanswered = sum(1 for i, turn in enumerate(turns) if turn.speaker == TRAINEE
                             and (i + 1 >= len(turns) or turns[i + 1].speaker != PERSONA_SPEAKER))
            if unanswered:
                lost += unanswered
                problems.append(f"{t.name}: {unanswered} questions without a stored reply")
    finally:
        store.close()
    return lost, problems


# The run ------------------------------------------------------------------------------------------------------

def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def wave(url: str, names: list[str], args: argparse.Namespace, seed: int) -> list[Trainee]:
    rng = random.Random(seed)
    tasks = [interview(url, name, args.turns, args.think, args.timeout, random.Random(rng.random()))
             for name in names]
    return list(await asyncio.gather(*tasks))


def report(label: str, trainees: list[Trainee], lost: int, problems: list[str], wall: float) -> bool:
    replies = [r for t in trainees for r in t.replies]
    first = [r for t in trainees for r in t.first_words]
    starts = [t.start_seconds for t in trainees if t.start_seconds is not None]
    errors = [f"{t.name}: {e}" for t in trainees for e in t.errors]
    print(f"\n{label}: {len(trainees)} trainees at once, {len(replies)} questions in {wall:.1f} s")
    print(f"  reply (question sent -> whole reply on the page): p50 {pct(replies, .5):.2f} s, "
          f"p95 {pct(replies, .95):.2f} s, max {max(replies, default=float('nan')):.2f} s")
    if first:
        print(f"  first words of the reply:                      p50 {pct(first, .5):.2f} s, "
              f"p95 {pct(first, .95):.2f} s")
    if starts:
        print(f"  opening an interview (button -> page):         p50 {pct(starts, .5):.2f} s, "
              f"p95 {pct(starts, .95):.2f} s")
    print(f"  errors: {len(errors)}   lost turns: {lost}")
    for line in (errors + problems)[:12]:
        print(f"    - {line}")
    ok = bool(replies) and pct(replies, .95) <= 1.0 and not errors and lost == 0
    print(f"  target (p95 <= 1 s, 0 errors, 0 lost turns): {'met' if ok else 'NOT met'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trainees", type=int, default=20, help="trainees at once")
    parser.add_argument("--turns", type=int, default=8, help="questions per trainee")
    parser.add_argument("--think", type=float, default=10.0,
                        help="seconds between questions (± 50 %%); people take 15-30 s to read a reply and type")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one page")
    parser.add_argument("--sessions", type=int, default=0, help="memory run: this many trainees, in waves")
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL cluster instead of SQLite")
    parser.add_argument("--database-url", help="the database to use (and to check for lost turns)")
    parser.add_argument("--url", help="a running server or proxy (ws://host:port) instead of starting one")
    parser.add_argument("--embedder", default=None, help="INTERVIEW_SIM_EMBEDDER for the server (default: real)")
    parser.add_argument("--english-only", action="store_true", help="serve only the English personas")
    parser.add_argument("--session-ttl", type=int, default=None,
                        help="server.disconnectedSessionTTL (Streamlit's default: 120 s)")
    parser.add_argument("--malloc-arena-max", type=int, default=2,
                        help="MALLOC_ARENA_MAX for the server, as scripts/start.sh sets it (0: glibc's default)")
    parser.add_argument("--cores", type=int, default=0, help="pin server and client to this many cores (0: all)")
    args = parser.parse_args()
    if args.cores and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[: args.cores])

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    stop_pg = ""
    server: Server | None = None
    ok = False
    try:
        if args.postgres:
            database_url, stop_pg = start_postgres()
        else:
            database_url = args.database_url or f"sqlite:///{work / 'load.db'}"
        kind = database_url.split(":", 1)[0]
        if args.url:
            url = args.url
            print(f"server: {url} (already running); database {kind}")
        else:
            server = Server(database_url, work, embedder=args.embedder, english_only=args.english_only,
                            session_ttl=args.session_ttl, malloc_arena_max=args.malloc_arena_max)
            url = server.url
            up = server.wait_healthy()
            print(f"server: {url}, up in {up:.1f} s, RSS {server.rss:.0f} MB; database {kind}; "
                  f"{len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()} cores"
                  f"{'; English personas only' if args.english_only else ''}")
        # One trainee first: the models finish loading, the persona's index is built. Timed, not counted.
        started = time.monotonic()
        warm = asyncio.run(interview(url, "Load Warm-up", 1, 0.0, max(args.timeout, 300.0), random.Random(0)))
        print(f"first interview after start: {time.monotonic() - started:.1f} s "
              f"(errors: {len(warm.errors)}{'; ' + warm.errors[0] if warm.errors else ''})"
              + (f"; server RSS {server.rss:.0f} MB" if server else ""))

        run_id = f"{int(time.time()) % 100000:05d}"
        if args.sessions:
            everyone: list[Trainee] = []
            started = time.monotonic()
            for first in range(0, args.sessions, args.trainees):
                names = [f"Load {run_id} {i:04d}" for i in range(first, min(args.sessions, first + args.trainees))]
                everyone += asyncio.run(wave(url, names, args, seed=first))
                rss = f"server RSS {server.rss:.0f} MB" if server else ""
                print(f"  after {len(everyone):4d} sessions: {rss}")
            wall = time.monotonic() - started
            if server and args.session_ttl:
                time.sleep(args.session_ttl + 5)
                print(f"  {args.session_ttl + 5} s later (disconnected sessions dropped): server RSS "
                      f"{server.rss:.0f} MB")
            lost, problems = lost_turns(database_url, everyone)
            ok = report(f"memory run ({kind})", everyone, lost, problems, wall)
        else:
            names = [f"Load {run_id} {i:03d}" for i in range(args.trainees)]
            started = time.monotonic()
            trainees = asyncio.run(wave(url, names, args, seed=1))
            wall = time.monotonic() - started
            lost, problems = lost_turns(database_url, trainees)
            ok = report(f"load ({kind})", trainees, lost, problems, wall)
            if server:
                print(f"  server RSS after the run: {server.rss:.0f} MB")
    finally:
        if server is not None:
            print(f"server stopped (SIGTERM) in {server.stop():.1f} s")
        if stop_pg:
            subprocess.run(stop_pg, shell=True, check=False, capture_output=True)
        if server is not None and not ok:
            kept = Path(tempfile.gettempdir()) / "bench-load-server.log"
            shutil.copy(work / "server.log", kept)
            print(f"server log (for the errors above): {kept}")
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
