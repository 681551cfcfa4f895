"""The shared-server store, for a class served by several machines: Redis.

Why Redis and not PostgreSQL: a round is a handful of small keys (the round, its questions,
per question one hash of answers and one of counts) that live for hours and then expire,
which is what Redis does natively (``PEXPIREAT``: no clean-up job, no schema, no
migrations). Each answer is one short server-side script, atomic by construction: it checks
that the round still takes answers to that question, ``HSET``s the student's option and
moves the per-option counters (``HINCRBY``), so the projector reads the counts in one
``HGETALL`` instead of counting rows. Debian's ``redis-server`` starts in milliseconds with
no set-up (no ``initdb``, roles or ``pg_hba.conf``), which lets the tests start a real one of
their own on a free port, and a class needs nothing more. PostgreSQL would bring
durability and SQL the class does not need, at the cost of a server to provision.

Durability is Redis's own: Debian's default config snapshots to disk (RDB), and
``appendonly yes`` keeps every answer; the data outlives any app server's restart either way,
since it lives in the Redis server. The tests run Redis with no persistence at all
(``--save '' --appendonly no``): what they check is the app's side.

Keys (``softmax:round:<CODE>`` and what follows it) all expire with the round.
"""

import redis

from classround.model import Phase, Question, Round, RoundRecord
from classround.store import Store

PREFIX = "softmax:round:"
LIMIT_PREFIX = "softmax:limit:"

_CREATE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'secret_hash', ARGV[1], 'seq', ARGV[2], 'phase', ARGV[3],
           'question', ARGV[4], 'created', ARGV[5], 'updated', ARGV[6], 'expires', ARGV[7])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[4])
redis.call('PEXPIREAT', KEYS[1], ARGV[7])
redis.call('PEXPIREAT', KEYS[2], ARGV[7])
return 1
"""

_UPDATE = """
local now = redis.call('HMGET', KEYS[1], 'seq', 'phase')
if not now[1] or now[1] ~= ARGV[1] or now[2] ~= ARGV[2] then return 0 end
if ARGV[5] ~= '' then
  local seq = tostring(tonumber(ARGV[1]) + 1)
  redis.call('HSET', KEYS[1], 'seq', seq, 'phase', ARGV[3], 'question', ARGV[5],
             'updated', ARGV[4])
  redis.call('HSET', KEYS[2], seq, ARGV[5])
else
  redis.call('HSET', KEYS[1], 'phase', ARGV[3], 'updated', ARGV[4])
end
return 1
"""

# KEYS: the round, question ARGV[1]'s answers, its counts. ARGV: seq, student, option, the
# accepting phases joined by commas. Returns the earlier option ('' if none), or nil.
_ANSWER = """
local now = redis.call('HMGET', KEYS[1], 'seq', 'phase', 'expires')
if not now[1] or now[1] ~= ARGV[1] then return false end
local open = false
for phase in string.gmatch(ARGV[4], '[^,]+') do
  if phase == now[2] then open = true end
end
if not open then return false end
local before = redis.call('HGET', KEYS[2], ARGV[2])
if before == ARGV[3] then return before end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
if before then redis.call('HINCRBY', KEYS[3], before, -1) end
redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
redis.call('PEXPIREAT', KEYS[2], now[3])
redis.call('PEXPIREAT', KEYS[3], now[3])
return before or ''
"""

_HIT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIREAT', KEYS[1], ARGV[1]) end
return count
"""

_UNHIT = """
if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then
  redis.call('DECR', KEYS[1])
end
return 0
"""


def _ms(seconds: float) -> str:
    return str(int(seconds * 1000))


class RedisStore(Store):
    def __init__(self, url: str):
        self.url = url
        self._redis = redis.Redis.from_url(
            url, decode_responses=True, socket_timeout=5, socket_connect_timeout=5
        )
        self._create = self._redis.register_script(_CREATE)
        self._update = self._redis.register_script(_UPDATE)
        self._answer = self._redis.register_script(_ANSWER)
        self._hit = self._redis.register_script(_HIT)
        self._unhit = self._redis.register_script(_UNHIT)

    @staticmethod
    def _keys(code: str, seq: int | None = None) -> tuple[str, ...]:
        base = PREFIX + code
        if seq is None:
            return base, f"{base}:questions"
        return base, f"{base}:answers:{seq}", f"{base}:counts:{seq}"

    def create(self, record: RoundRecord, expires_at: float) -> bool:
        r = record.round
        args = [
            record.secret_hash,
            r.seq,
            r.phase.value,
            r.question.to_json(),
            repr(r.created),
            repr(r.updated),
            _ms(expires_at),
        ]
        return self._create(keys=self._keys(r.code), args=args) == 1

    def load(self, code: str) -> RoundRecord | None:
        data = self._redis.hgetall(PREFIX + code)
        if not data or "seq" not in data:
            return None
        return RoundRecord(
            Round(
                code,
                int(data["seq"]),
                Phase(data["phase"]),
                Question.from_json(data["question"]),
                float(data["created"]),
                float(data["updated"]),
            ),
            data["secret_hash"],
        )

    def questions(self, code: str) -> dict[int, Question]:
        data = self._redis.hgetall(self._keys(code)[1])
        numbered = sorted((int(seq), text) for seq, text in data.items())
        return {seq: Question.from_json(text) for seq, text in numbered}

    def update(self, code, expected_seq, expected_phase, phase, now, question=None) -> bool:
        args = [
            expected_seq,
            expected_phase.value,
            phase.value,
            repr(now),
            question.to_json() if question is not None else "",
        ]
        return self._update(keys=self._keys(code), args=args) == 1

    def answer(self, code, seq, student, option, accepting, now) -> str | None:
        phases = ",".join(phase.value for phase in accepting)
        return self._answer(keys=self._keys(code, seq), args=[seq, student, option, phases])

    def answer_of(self, code, seq, student) -> str | None:
        return self._redis.hget(self._keys(code, seq)[1], student)

    def counts(self, code, seq) -> dict[str, int]:
        data = self._redis.hgetall(self._keys(code, seq)[2])
        return {option: int(count) for option, count in data.items() if int(count) > 0}

    def purge(self, cutoff: float, now: float) -> int:
        """Nothing to do: every key was given its expiry time when it was written."""
        return 0

    def hit(self, bucket, window, seconds, expires_at) -> int:
        return int(self._hit(keys=[f"{LIMIT_PREFIX}{bucket}:{window}"], args=[_ms(expires_at)]))

    def unhit(self, bucket, window) -> None:
        self._unhit(keys=[f"{LIMIT_PREFIX}{bucket}:{window}"], args=[])

    def close(self) -> None:
        self._redis.close()
