import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  isForkHead,
  parseRepository,
  prNumberFromEvent,
  pullRequestFromPayload,
  workflowRunFromPayload
} from '../../src/github/context.js'
import { reportArtifactName, sidecarArtifactName } from '../../src/github/artifacts.js'
import { expectedAuthorType, validateMarker } from '../../src/github/comment.js'
import { commentMarker } from '../../src/report/comment.js'
import fc from 'fast-check'

const HEAD = 'a'.repeat(40)
const BASE = 'b'.repeat(40)

function prPayload(headRepo: string | null): unknown {
  return {
    action: 'synchronize',
    number: 12,
    pull_request: {
      number: 12,
      head: { sha: HEAD, ref: 'topic', repo: headRepo === null ? null : { full_name: headRepo } },
      base: { sha: BASE, ref: 'main', repo: { full_name: 'octo/scx' } }
    }
  }
}

describe('pullRequestFromPayload', () => {
  it('reads number, head/base sha and ref; same repository is not a fork', () => {
    assert.deepEqual(pullRequestFromPayload(prPayload('octo/scx'), 'octo/scx'), {
      number: 12,
      headSha: HEAD,
      headRef: 'topic',
      baseSha: BASE,
      baseRef: 'main',
      headRepoFullName: 'octo/scx',
      isFork: false
    })
  })

  it('detects forks, including a deleted head repository', () => {
    assert.equal(pullRequestFromPayload(prPayload('someone/scx'), 'octo/scx')?.isFork, true)
    assert.equal(pullRequestFromPayload(prPayload(null), 'octo/scx')?.isFork, true)
    assert.equal(isForkHead('Octo/SCX', 'octo/scx'), false)
  })

  it('returns undefined for other events and malformed payloads', () => {
    assert.equal(pullRequestFromPayload({ ref: 'refs/heads/main' }, 'octo/scx'), undefined)
    assert.equal(pullRequestFromPayload(null, 'octo/scx'), undefined)
    const bad = prPayload('octo/scx') as { pull_request: { head: { sha: string } } }
    bad.pull_request.head.sha = 'not-a-sha'
    assert.equal(pullRequestFromPayload(bad, 'octo/scx'), undefined)
  })
})

describe('workflowRunFromPayload', () => {
  const payload = {
    action: 'completed',
    workflow_run: {
      id: 991,
      head_sha: HEAD,
      head_branch: 'topic',
      event: 'pull_request',
      conclusion: 'success',
      head_repository: { full_name: 'someone/scx' },
      pull_requests: [
        { number: 12, head: { sha: HEAD } },
        { number: 13, head: { sha: BASE } }
      ]
    }
  }

  it('reads the run, keeping only PRs whose head is the run head', () => {
    assert.deepEqual(workflowRunFromPayload(payload), {
      runId: 991,
      headSha: HEAD,
      headBranch: 'topic',
      event: 'pull_request',
      conclusion: 'success',
      pullRequestNumbers: [12],
      headRepoFullName: 'someone/scx',
      workflowFile: undefined
    })
    assert.equal(prNumberFromEvent('workflow_run', payload, 'octo/scx'), 12)
  })

  it("names the triggering run's workflow file from its path, in the webhook's and the REST API's shapes", () => {
    const file = (path: string) =>
      workflowRunFromPayload({ workflow_run: { ...payload.workflow_run, path } })?.workflowFile
    assert.equal(file('.github/workflows/perf.yml'), 'perf.yml')
    assert.equal(file('octo/scx/.github/workflows/perf-gate.yaml@refs/heads/main'), 'perf-gate.yaml')
    // Anything else names no workflow (no link is shown), never a path of its own making.
    for (const bad of [
      '',
      'perf.yml',
      '.github/workflows/../x.yml',
      '.github/workflows/a b.yml',
      'x/.github/workflows/'
    ])
      assert.equal(file(bad), undefined, bad)
  })

  it('gives no PR number for fork runs (empty pull_requests) or other events', () => {
    const fork = { workflow_run: { ...payload.workflow_run, pull_requests: [] } }
    assert.equal(prNumberFromEvent('workflow_run', fork, 'octo/scx'), undefined)
    assert.equal(prNumberFromEvent('push', {}, 'octo/scx'), undefined)
    assert.equal(prNumberFromEvent('pull_request', prPayload('octo/scx'), 'octo/scx'), 12)
    assert.equal(workflowRunFromPayload({ workflow_run: { id: 'x' } }), undefined)
  })
})

describe('parseRepository', () => {
  it('splits owner/name and rejects junk with a one-line message', () => {
    assert.deepEqual(parseRepository('octo-org/scx.demo'), { owner: 'octo-org', repo: 'scx.demo' })
    for (const bad of [undefined, '', 'noslash', 'a/b/c', '../x/y', 'a/b\nc']) {
      assert.throws(
        () => parseRepository(bad),
        (e: Error) => /GITHUB_REPOSITORY/.test(e.message) && !e.message.includes('\n')
      )
    }
  })
})

describe('artifact names', () => {
  it('builds ktstr-sidecars-<kernel>-<commit7>-<hostclass>', () => {
    assert.equal(
      sidecarArtifactName('6.12.3', 'ABCDEF0123456789', 'kvm-x64'),
      'ktstr-sidecars-6.12.3-abcdef0-kvm-x64'
    )
  })

  it('sanitizes characters the artifact service rejects', () => {
    const name = sidecarArtifactName('6.12/rc1: "x"<y>|*?\\\r\n', 'abcdef0', 'host class')
    assert.doesNotMatch(name, /["':<>|*?\\/\r\n ]/)
    assert.equal(name, 'ktstr-sidecars-6.12_rc1_x_y-abcdef0-host_class')
    assert.throws(() => sidecarArtifactName('***', 'abcdef0', 'h'), /kernel/)
    assert.throws(() => sidecarArtifactName('6.12', 'xyz', 'h'), /not a hex SHA/)
    assert.equal(reportArtifactName(), 'ktstr-perf-gate-report')
    assert.equal(reportArtifactName('shard/1'), 'ktstr-perf-gate-report-shard_1')
  })
})

describe('comment helpers', () => {
  it('expects Bot for [bot] logins and User otherwise', () => {
    assert.equal(expectedAuthorType('github-actions[bot]'), 'Bot')
    assert.equal(expectedAuthorType('octocat'), 'User')
  })

  it('accepts only one-line HTML comment markers', () => {
    validateMarker('<!-- ktstr-perf-gate:perf/gate/x86 -->')
    for (const bad of ['ktstr', '<!-- a --> b -->', '<!-- a\nb -->', '<!-- a -- b -->']) {
      assert.throws(() => validateMarker(bad), /marker/)
    }
  })

  it('accepts every marker the reports module produces (contract)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (key) => {
        validateMarker(commentMarker(key))
      })
    )
    validateMarker(commentMarker('perf.yml/gate/{"host":"kvm-1","kernel":"6.12"} -->--'))
  })
})
