// What kind of file a path names: where real code keeps live credentials (config, source) and where it keeps stand-ins.
import RE2 from 're2';
import { isMetadataPath } from './metadata-path.js';

/** config: settings and credential files; source: code; test, docs, example: stand-ins expected; generated: build output; metadata: commit messages, names, tags, notes. */
export type FileContext = 'config' | 'source' | 'test' | 'docs' | 'example' | 'generated' | 'metadata';
export const FILE_CONTEXTS: readonly FileContext[] = ['config', 'source', 'test', 'docs', 'example', 'generated', 'metadata'];

// RE2: paths come from the scanned repository, so matching them must stay linear.
const GENERATED = new RE2(/(?:^|\/)(?:dist|build|out|\.next|\.nuxt|coverage|target|bin\/Debug|bin\/Release|obj|__generated__|generated|gen)\/|\.(?:min|bundle|chunk)\.[cm]?js$|\.map$|\.d\.ts$|_pb2\.py$|\.pb\.go$|\.generated\.\w+$/i);
const TEST = new RE2(/(?:^|\/)(?:tests?|__tests__|specs?|__mocks__|mocks?|fixtures?|__fixtures__|testdata|test-data|test_data|e2e|cypress|testing|stubs?|fakes?)\/|(?:^|\/)(?:test_[^/]*|[^/]*_test\.\w+|[^/]*[.-](?:test|spec|tests|e2e)\.\w+|conftest\.py|[^/]*Tests?\.(?:java|kt|cs|scala|swift|m))$/i);
const EXAMPLE = new RE2(/(?:^|\/)(?:examples?|samples?|demos?|sandbox|playground|quickstarts?|tutorials?|boilerplates?|starters?|scaffold(?:ing)?|templates?|skeleton)\/|[._-](?:examples?|samples?|dist|template|tmpl|tpl)(?:\.\w+)?$|(?:^|\/)[^/]*\.(?:examples?|samples?|dist|template|tmpl|tpl)$/i);
const DOCS = new RE2(/(?:^|\/)(?:i18n|l10n|locales?|translations?|lang)\/|(?:^|\/)(?:docs?|documentation|guides?|man|wiki|website|site|manual|handbook|cookbook|articles?)\/|\.(?:md|mdx|markdown|rst|adoc|asciidoc|rdoc|pod|textile|1|5|8)$|(?:^|\/)(?:readme|changelog|changes|history|news|contributing|authors|upgrading|migration)[^/]*$/i);
const CONFIG_EXT = new RE2(/\.(?:env|ini|cfg|conf|config|cnf|properties|ya?ml|toml|json5?|xml|plist|tfvars|tf|hcl|tfstate|pem|key|p8|ppk|pfx|p12|jks|keystore|gpg|asc|kdbx|ovpn|netrc|pgpass|npmrc|pypirc|htpasswd|htaccess|s3cfg|boto|credentials|secrets?)$/i);
const CONFIG_NAME = new RE2(/(?:^|\/)etc\/|(?:^|\/)(?:\.env(?:\.[\w.-]+)?|\.[\w.-]*rc|\.netrc|_netrc|\.pgpass|\.git-credentials|\.my\.cnf|\.s3cfg|\.boto|\.dockercfg|credentials|config|settings|secrets?|Dockerfile[^/]*|docker-compose[^/]*|Jenkinsfile|Makefile|Procfile|Vagrantfile|\.gitlab-ci\.yml|id_[a-z0-9]+|master\.key|[^/]*\.(?:ba|z|k)?sh_history|shadow|passwd|htpasswd|sasl_passwd|wg\d*\.conf)$/i);

/** a file directly inside a dot-directory: `.aws/credentials`, `.github/workflows/ci.yml` */
const IN_DOT_DIRECTORY = new RE2(/(?:^|\/)\.[^/]+\/[^/]*$/);

/** Languages whose string literals are always quoted: an unquoted value there is code, not a secret. */
const QUOTING_LANGUAGE = new RE2(/\.(?:[cm]?[jt]sx?|java|kt|kts|scala|go|cs|py|rb|php|swift|rs|dart|c|cc|cpp|h|hpp|m)$/i);

export function quotesLiterals(path: string): boolean {
  return QUOTING_LANGUAGE.test(path);
}

/** An image's config fields and build history (`config:Env`, `history:created_by`): settings, like a Dockerfile. */
const IMAGE_METADATA = ['config:', 'history:'];

export function fileContext(path: string): FileContext {
  if (isMetadataPath(path)) return 'metadata';
  if (IMAGE_METADATA.some((prefix) => path.startsWith(prefix))) return 'config';
  if (GENERATED.test(path)) return 'generated';
  if (TEST.test(path)) return 'test';
  if (EXAMPLE.test(path)) return 'example';
  if (DOCS.test(path)) return 'docs';
  if (CONFIG_EXT.test(path) || CONFIG_NAME.test(path) || IN_DOT_DIRECTORY.test(path)) return 'config';
  return 'source';
}
