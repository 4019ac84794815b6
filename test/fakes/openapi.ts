// Validation of fake GitHub REST traffic against GitHub's published OpenAPI description
// (`@octokit/openapi`, api.github.com, OpenAPI 3.0.3). Requests are matched to an operation by
// method + path template; path/query parameters, JSON request bodies and JSON response bodies
// are validated with Ajv (draft-07 vocabulary) after translating the OpenAPI 3.0 dialect:
//   - `nullable: true` becomes `type: [t, 'null']` (plus `null` in `enum`), or
//     `anyOf: [schema, {type: 'null'}]` when the schema has no `type` (allOf/anyOf/$ref forms);
//   - boolean `exclusiveMinimum`/`exclusiveMaximum` (draft-04 style) become numeric ones;
//   - `example`, `x-*`, `discriminator`, `readOnly`… are annotations (Ajv `strict: false`);
//   - formats come from ajv-formats (int32, int64, double, binary, uri-template included);
//     GitHub's two private formats (`repo.nwo`, `timestamp`) are checked with small regexes.
// The same translated schemas drive `synthesize()`, which builds a minimal valid instance of a
// component schema, so the fakes' responses are valid by construction and overridable.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Schema = { [k: string]: unknown }

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Schema
}

interface Operation {
  operationId: string
  parameters?: Array<Parameter | { $ref: string }>
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> } | { $ref: string }
  responses: Record<string, unknown>
}

/** One operation matched for a request. */
export interface MatchedOperation {
  operationId: string
  method: string
  template: string
  pathParams: Record<string, string>
}

const SPEC_ID = 'https://api.github.com/openapi.json'

function translate(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(translate)
  if (node === null || typeof node !== 'object') return node
  const src = node as Schema
  const out: Schema = {}
  for (const [k, v] of Object.entries(src)) {
    if (k === 'nullable' || k === 'example' || k === 'examples' || k === 'discriminator') continue
    if (
      (k === 'properties' || k === 'patternProperties') &&
      v &&
      typeof v === 'object' &&
      !Array.isArray(v)
    ) {
      // A map of property names to schemas: names like "example" or "nullable" are data here.
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, translate(sub)]))
      continue
    }
    out[k] = translate(v)
  }
  if (typeof src.exclusiveMinimum === 'boolean') {
    if (src.exclusiveMinimum && typeof src.minimum === 'number') out.exclusiveMinimum = src.minimum
    else delete out.exclusiveMinimum
    if (src.exclusiveMinimum) delete out.minimum
  }
  if (typeof src.exclusiveMaximum === 'boolean') {
    if (src.exclusiveMaximum && typeof src.maximum === 'number') out.exclusiveMaximum = src.maximum
    else delete out.exclusiveMaximum
    if (src.exclusiveMaximum) delete out.maximum
  }
  if (src.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null']
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
      return out
    }
    return { anyOf: [out, { type: 'null' }] }
  }
  return out
}

interface Route {
  template: string
  regex: RegExp
  names: string[]
  literalSegments: number
}

/** The OpenAPI description loaded once per process, with compiled validators cached. */
export class OpenApiValidator {
  private readonly doc: { paths: Record<string, Record<string, Operation>>; components: Schema }
  private readonly ajv: Ajv
  private readonly routes: Route[]
  private readonly cache = new Map<string, ValidateFunction>()

  constructor(specPath = defaultSpecPath()) {
    const raw = JSON.parse(readFileSync(specPath, 'utf8')) as {
      paths: Record<string, Record<string, Operation>>
      components: Schema
    }
    const components = translate(raw.components) as Schema
    this.doc = { paths: raw.paths, components }
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true })
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
    addFormats(this.ajv)
    this.ajv.addFormat('repo.nwo', /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/)
    this.ajv.addFormat('timestamp', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/)
    this.ajv.addSchema({ $id: SPEC_ID, components } as Schema)
    this.routes = Object.keys(raw.paths).map((template) => {
      const names: string[] = []
      const parts = template.split('/').map((seg) => {
        const m = /^\{([^}]+)\}$/.exec(seg)
        if (m) {
          names.push(m[1]!)
          return '([^/]+)'
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      const literalSegments = template.split('/').filter((s) => s && !s.startsWith('{')).length
      return { template, regex: new RegExp(`^${parts.join('/')}$`), names, literalSegments }
    })
  }

  /** The operation for `method path`, preferring templates with more literal segments. */
  match(method: string, pathname: string): MatchedOperation | undefined {
    let best: { route: Route; values: string[] } | undefined
    for (const route of this.routes) {
      const m = route.regex.exec(pathname)
      if (!m) continue
      if (!this.doc.paths[route.template]?.[method.toLowerCase()]) continue
      if (!best || route.literalSegments > best.route.literalSegments) best = { route, values: m.slice(1) }
    }
    if (!best) return undefined
    const op = this.doc.paths[best.route.template]![method.toLowerCase()]!
    const pathParams: Record<string, string> = {}
    best.route.names.forEach((n, i) => (pathParams[n] = decodeURIComponent(best.values[i]!)))
    return {
      operationId: op.operationId,
      method: method.toUpperCase(),
      template: best.route.template,
      pathParams
    }
  }

  private operation(m: MatchedOperation): Operation {
    return this.doc.paths[m.template]![m.method.toLowerCase()]!
  }

  private resolve<T>(node: T | { $ref: string }): T {
    let cur: unknown = node
    for (let i = 0; i < 16 && cur && typeof cur === 'object' && '$ref' in cur; i++) {
      const ref = (cur as { $ref: string }).$ref
      const parts = ref.replace(/^#\//, '').split('/')
      let target: unknown = { components: this.doc.components }
      for (const p of parts)
        target = (target as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')]
      cur = target
    }
    return cur as T
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let v = this.cache.get(key)
    if (!v) {
      // Rebase local refs onto the registered description so `#/components/...` resolves.
      v = this.ajv.compile(rebase(schema))
      this.cache.set(key, v)
    }
    return v
  }

  private check(key: string, schema: Schema, data: unknown, where: string): string[] {
    const v = this.validator(key, schema)
    if (v(data)) return []
    return (v.errors ?? [])
      .slice(0, 8)
      .map((e) => `${where}${e.instancePath || ''} ${e.message ?? 'invalid'}${paramsText(e.params)}`)
  }

  /** Violations of the request's path/query parameters and JSON body. */
  validateRequest(
    m: MatchedOperation,
    query: URLSearchParams,
    contentType: string | undefined,
    rawBody: string
  ): string[] {
    const op = this.operation(m)
    const out: string[] = []
    const params = (op.parameters ?? []).map((p) => this.resolve<Parameter>(p))
    const known = new Set<string>()
    for (const p of params) {
      if (p.in === 'path') {
        const value = m.pathParams[p.name]
        if (value === undefined) out.push(`path parameter ${p.name} missing`)
        else out.push(...this.checkParam(m, p, value))
      } else if (p.in === 'query') {
        known.add(p.name)
        const values = query.getAll(p.name)
        if (values.length === 0) {
          if (p.required) out.push(`query parameter ${p.name} is required`)
          continue
        }
        if (values.length > 1) out.push(`query parameter ${p.name} given ${values.length} times`)
        out.push(...this.checkParam(m, p, values[0]!))
      }
    }
    for (const name of new Set(query.keys())) {
      if (!known.has(name)) out.push(`query parameter ${name} is not defined for ${m.operationId}`)
    }
    const body = op.requestBody ? this.resolve(op.requestBody) : undefined
    const jsonSchema = body?.content?.['application/json']?.schema
    if (rawBody.length === 0) {
      if (body?.required) out.push('request body is required')
    } else if (!body) {
      out.push(`request body not allowed for ${m.operationId}`)
    } else if (jsonSchema) {
      if (contentType && !/^application\/json\b/i.test(contentType)) out.push(`content-type ${contentType}`)
      let parsed: unknown
      try {
        parsed = JSON.parse(rawBody)
      } catch {
        out.push('request body is not JSON')
        return out
      }
      out.push(...this.check(`${m.operationId}:body`, jsonSchema, parsed, 'body'))
    }
    return out.map((v) => `${m.method} ${m.template} (${m.operationId}): ${v}`)
  }

  private checkParam(m: MatchedOperation, p: Parameter, value: string): string[] {
    const schema = this.resolve<Schema>(p.schema ?? {})
    const coerced = coerce(value, schema)
    return this.check(`${m.operationId}:${p.in}:${p.name}`, p.schema ?? {}, coerced, `${p.in} ${p.name}`)
  }

  /** Violations of a response: status declared, JSON body valid, required headers present. */
  validateResponse(
    m: MatchedOperation,
    status: number,
    headers: Record<string, string>,
    rawBody: string
  ): string[] {
    const op = this.operation(m)
    const out: string[] = []
    const declared = op.responses[String(status)] ?? op.responses['default']
    if (!declared) {
      return [`${m.method} ${m.template} (${m.operationId}): status ${status} is not declared`]
    }
    const resp = this.resolve<{
      content?: Record<string, { schema?: Schema }>
      headers?: Record<string, unknown>
    }>(declared)
    const schema = resp.content?.['application/json']?.schema
    if (schema) {
      let parsed: unknown
      try {
        parsed = JSON.parse(rawBody)
      } catch {
        out.push(`response ${status} body is not JSON`)
      }
      if (parsed !== undefined) {
        out.push(...this.check(`${m.operationId}:${status}`, schema, parsed, `response ${status} body`))
      }
    } else if (!resp.content && rawBody.length > 0) {
      out.push(`response ${status} must have no body`)
    }
    if (status >= 300 && status < 400 && resp.headers?.['Location'] && !headers['location']) {
      out.push(`response ${status} lacks the Location header`)
    }
    return out.map((v) => `${m.method} ${m.template} (${m.operationId}): ${v}`)
  }

  /** A component schema, translated, for `synthesize` and tests. */
  componentSchema(name: string): Schema {
    const s = (this.doc.components.schemas as Record<string, Schema>)[name]
    if (!s) throw new Error(`openapi: no component schema ${name}`)
    return s
  }

  /** A minimal instance of component `name` (required properties only) with `overrides` merged in. */
  synthesize(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const base = this.instance(this.componentSchema(name), 0) as Record<string, unknown>
    return deepMerge(base, overrides) as Record<string, unknown>
  }

  private instance(schemaIn: unknown, depth: number): Json {
    const schema = this.resolve<Schema>(schemaIn as Schema)
    if (depth > 24) return null
    if (Array.isArray(schema.allOf)) {
      let acc: Json = {}
      for (const s of schema.allOf) acc = deepMerge(acc, this.instance(s, depth + 1)) as Json
      return acc
    }
    for (const key of ['anyOf', 'oneOf'] as const) {
      const alts = schema[key]
      if (Array.isArray(alts)) {
        const pick = alts.find((a) => (this.resolve<Schema>(a as Schema).type ?? '') !== 'null') ?? alts[0]
        return this.instance(pick, depth + 1)
      }
    }
    if (Array.isArray(schema.enum)) return (schema.enum.find((e) => e !== null) ?? null) as Json
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
    switch (type) {
      case 'object': {
        const out: Record<string, Json> = {}
        const props = (schema.properties ?? {}) as Record<string, unknown>
        for (const req of (schema.required ?? []) as string[]) {
          out[req] = props[req] !== undefined ? this.instance(props[req], depth + 1) : null
        }
        return out
      }
      case 'array':
        return []
      case 'integer':
      case 'number':
        return typeof schema.minimum === 'number' ? schema.minimum : 1
      case 'boolean':
        return false
      case 'string':
        return stringFor(schema.format as string | undefined)
      case undefined:
        if (schema.properties) return this.instance({ ...schema, type: 'object' }, depth)
        return null
      default:
        return null
    }
  }
}

function stringFor(format: string | undefined): string {
  switch (format) {
    case 'date-time':
    case 'timestamp':
      return '2026-01-01T00:00:00Z'
    case 'date':
      return '2026-01-01'
    case 'uri':
      return 'https://api.github.com/'
    case 'uri-template':
      return 'https://api.github.com/{id}'
    case 'email':
      return 'octocat@example.com'
    case 'repo.nwo':
      return 'octo/repo'
    default:
      return 'x'
  }
}

function coerce(value: string, schema: Schema): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value
  return value
}

function rebase(node: unknown): Schema {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk)
    if (n === null || typeof n !== 'object') return n
    const out: Schema = {}
    for (const [k, v] of Object.entries(n)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SPEC_ID}${v}` : walk(v)
    }
    return out
  }
  return walk(node) as Schema
}

function paramsText(params: unknown): string {
  if (!params || typeof params !== 'object') return ''
  const text = JSON.stringify(params)
  return text === '{}' ? '' : ` ${text}`
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) }
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = deepMerge(out[k], v)
    return out
  }
  return b
}

function defaultSpecPath(): string {
  const require = createRequire(import.meta.url)
  const pkg = require.resolve('@octokit/openapi/package.json')
  return pkg.replace(/package\.json$/, 'generated/api.github.com.json')
}

let shared: OpenApiValidator | undefined

/** The process-wide validator (loading the 13 MB description takes a moment; do it once). */
export function openApi(): OpenApiValidator {
  shared ??= new OpenApiValidator()
  return shared
}
