import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  decideRetry,
  DEFAULT_RETRY_POLICY,
  toGitHubApiError,
  type RetryPolicy
} from '../../src/github/retry.js'

const NOW = Date.parse('2026-06-01T12:00:00Z')
const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, now: () => NOW, random: () => 0.5 }

function httpError(status: number, headers: Record<string, string> = {}, message = 'boom'): unknown {
  return { status, message, response: { headers, data: { message } } }
}

describe('decideRetry', () => {
  it('retries 5xx with full-jitter exponential backoff', () => {
    for (const status of [500, 502, 503, 504]) {
      const d = decideRetry(httpError(status), 1, policy)
      assert.equal(d.kind, 'server')
      assert.equal(d.retry, true)
      assert.equal(d.waitMs, 500) // 0.5 × 1000 × 2⁰
    }
    assert.equal(decideRetry(httpError(502), 3, policy).waitMs, 2000) // 0.5 × 1000 × 2²
    assert.equal(decideRetry(httpError(501), 1, policy).retry, false)
  })

  it('honours retry-after on 5xx when it is longer than the backoff', () => {
    const d = decideRetry(httpError(503, { 'retry-after': '7' }), 1, policy)
    assert.equal(d.waitMs, 7000)
    assert.equal(d.hintMs, 7000)
  })

  it('waits until x-ratelimit-reset (+1 s) on a primary rate limit', () => {
    const reset = String(NOW / 1000 + 30)
    const d = decideRetry(
      httpError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }),
      1,
      policy
    )
    assert.equal(d.kind, 'rate-limit')
    assert.equal(d.retry, true)
    assert.equal(d.waitMs, 31_000)
  })

  it('treats 403/429 with retry-after or the secondary message as a secondary rate limit', () => {
    const a = decideRetry(httpError(403, { 'retry-after': '3' }), 1, policy)
    assert.deepEqual([a.kind, a.retry, a.waitMs], ['secondary-rate-limit', true, 3000])
    const b = decideRetry(httpError(403, {}, 'You have exceeded a secondary rate limit.'), 1, policy)
    assert.deepEqual([b.kind, b.waitMs], ['secondary-rate-limit', 60_000])
    const c = decideRetry(httpError(429), 2, policy)
    assert.deepEqual([c.kind, c.retry, c.waitMs], ['secondary-rate-limit', true, 1000])
  })

  it('does not retry permission errors, 404/410 or other 4xx', () => {
    assert.deepEqual(
      [decideRetry(httpError(403, {}, 'Resource not accessible by integration'), 1, policy).retry],
      [false]
    )
    assert.equal(decideRetry(httpError(404), 1, policy).kind, 'not-found')
    assert.equal(decideRetry(httpError(422), 1, policy).kind, 'client')
    assert.equal(decideRetry({ name: 'AbortError', status: 500 }, 1, policy).retry, false)
  })

  it('retries network errors (no response)', () => {
    const d = decideRetry({ status: 500, message: 'connect ECONNREFUSED 127.0.0.1:1' }, 2, policy)
    assert.deepEqual([d.kind, d.retry], ['network', true])
  })

  it('never waits more than maxDelayMs for backoff, never negative (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, r) => {
          const d = decideRetry(httpError(502), attempt, { ...policy, random: () => r })
          return d.waitMs >= 0 && d.waitMs <= policy.maxDelayMs
        }
      )
    )
  })
})

describe('toGitHubApiError', () => {
  it('is one line with what, status, attempts and advice; strips control characters', () => {
    const err = httpError(502, {}, 'bad\ngateway\u0007')
    const e = toGitHubApiError(
      err,
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      5,
      decideRetry(err, 5, policy)
    )
    assert.ok(!/[\n\r]/.test(e.message) && !e.message.includes(String.fromCharCode(7)))
    assert.match(
      e.message,
      /^GitHub API GET \/repos\/\{owner\}.* failed with HTTP 502 after 5 attempts \("bad gateway"\) — .*re-run/
    )
    assert.equal(e.status, 502)
    assert.equal(e.kind, 'server')
  })
})
