import { useRef, useState } from 'react';
import {
  OzLivenessCheck,
  OzResultBanner,
  type OzErrorDetail,
  type OzEvent,
  type OzLivenessCheckElement,
  type OzResultDetail,
} from 'oz-liveness-elements/react';

// Objects and arrays are passed as properties, as they are. Keep them stable (module scope, state or
// useMemo): a new object on every render is a new value for the element every time.
const meta = { transaction_id: 'react-demo-1', channel: 'web' };
const actions = ['video_selfie_smile'];

export function App() {
  const check = useRef<OzLivenessCheckElement>(null);
  const [result, setResult] = useState<OzResultDetail>();
  const [error, setError] = useState<OzErrorDetail>();
  const [results, setResults] = useState(0);
  const [lang, setLang] = useState('en');

  const onResult = (e: OzEvent<'oz-result'>) => {
    setResult(e.detail);
    setError(undefined);
    setResults((n) => n + 1);
  };
  const onError = (e: OzEvent<'oz-error'>) => {
    setError(e.detail);
    setResult(undefined);
  };

  return (
    <main>
      <h1>Liveness check · React</h1>
      <label>
        Language{' '}
        <select value={lang} onChange={(e) => setLang(e.target.value)}>
          <option value="en">English</option>
          <option value="es">Español</option>
        </select>
      </label>

      <OzLivenessCheck
        ref={check}
        id="check"
        className="check"
        pluginSrc="/simulator/plugin_liveness.js"
        sessionTokenUrl="/api/liveness/session-token"
        backendUrl="/api/liveness/container"
        lang={lang}
        meta={meta}
        actions={actions}
        onOzResult={onResult}
        onOzError={onError}
      />
      <OzResultBanner htmlFor="check" lang={lang} showDetails />

      <dl className="outcome">
        <dt>Decision (from onOzResult)</dt>
        <dd>
          <output id="decision">{result?.decision ?? '—'}</output>
        </dd>
        <dt>Error (from onOzError)</dt>
        <dd>
          <output id="error-code">{error ? `${error.code}${error.retryable ? ' (retryable)' : ''}` : '—'}</output>
        </dd>
        <dt>Results received</dt>
        <dd>
          <output id="result-count">{results}</output>
        </dd>
      </dl>
      <button type="button" onClick={() => check.current?.reset()}>
        Reset
      </button>
    </main>
  );
}
