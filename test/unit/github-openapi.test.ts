// The OpenAPI 3.0 → Ajv translation in the fake (nullable, formats, params), checked directly.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { openApi } from '../fakes/openapi.js'

const api = openApi()
const listArtifacts = api.match('GET', '/repos/o/r/actions/runs/5/artifacts')!
const artifact = (over: Record<string, unknown>): unknown => ({
  total_count: 1,
  artifacts: [api.synthesize('artifact', over)]
})

describe('fake OpenAPI validator', () => {
  it('matches operations by method and path template', () => {
    assert.equal(listArtifacts.operationId, 'actions/list-workflow-run-artifacts')
    assert.deepEqual(listArtifacts.pathParams, { owner: 'o', repo: 'r', run_id: '5' })
    assert.equal(api.match('PATCH', '/repos/o/r/issues/comments/9')?.operationId, 'issues/update-comment')
    assert.equal(api.match('GET', '/repos/o/r/issues/9/comments')?.operationId, 'issues/list-comments')
    assert.equal(api.match('GET', '/nope'), undefined)
  })

  it('accepts null where the description says nullable, and only there', () => {
    const ok = api.validateResponse(
      listArtifacts,
      200,
      {},
      JSON.stringify(artifact({ expires_at: null, digest: null }))
    )
    assert.deepEqual(ok, [])
    const bad = api.validateResponse(listArtifacts, 200, {}, JSON.stringify(artifact({ name: null })))
    assert.equal(bad.length, 1)
    assert.match(bad[0]!, /artifacts\/0\/name must be string/)
  })

  it('handles nullable $ref/allOf schemas (no type beside nullable)', () => {
    const run = api.match('GET', '/repos/o/r/actions/runs/5')!
    const body = api.synthesize('workflow-run', { head_commit: null })
    assert.deepEqual(api.validateResponse(run, 200, {}, JSON.stringify(body)), [])
    const broken = { ...body, head_commit: 'abc' }
    assert.ok(api.validateResponse(run, 200, {}, JSON.stringify(broken)).length > 0)
  })

  it('checks formats (date-time, uri) and integer path/query parameters', () => {
    const bad = api.validateResponse(
      listArtifacts,
      200,
      {},
      JSON.stringify(artifact({ created_at: 'yesterday' }))
    )
    assert.match(bad.join('\n'), /created_at must match format "date-time"/)
    assert.deepEqual(
      api.validateRequest(listArtifacts, new URLSearchParams('per_page=100&page=2&name=x'), undefined, ''),
      []
    )
    const q = api.validateRequest(listArtifacts, new URLSearchParams('per_page=lots'), undefined, '')
    assert.match(q.join('\n'), /query per_page must be integer/)
    const p = api.validateRequest(
      api.match('GET', '/repos/o/r/actions/runs/abc/artifacts')!,
      new URLSearchParams(''),
      undefined,
      ''
    )
    assert.match(p.join('\n'), /path run_id must be integer/)
  })

  it('flags undeclared statuses and bodies where none are allowed', () => {
    const del = api.match('DELETE', '/repos/o/r/issues/comments/3')!
    assert.deepEqual(api.validateResponse(del, 204, {}, ''), [])
    assert.match(api.validateResponse(del, 204, {}, '{"x":1}').join(''), /must have no body/)
    assert.match(api.validateResponse(del, 418, {}, '').join(''), /status 418 is not declared/)
    const dl = api.match('GET', '/repos/o/r/actions/artifacts/5/zip')!
    assert.match(api.validateResponse(dl, 302, {}, '').join(''), /lacks the Location header/)
    assert.match(
      api.validateRequest(del, new URLSearchParams(''), 'application/json', '{"a":1}').join(''),
      /request body not allowed/
    )
  })
})
