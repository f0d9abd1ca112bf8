// The JSON API of this server. Errors come back in one shape: {ok, status, error, details}.

export async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(name, value);
  }
  const response = await fetch(query.size ? `${path}?${query}` : path, { headers: { accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error ?? `${response.status} ${response.statusText}`);
  return body;
}

// An id as one path segment: ids hold "#" and may hold "/" (documents read from URLs).
export function pathOf(prefix, id) {
  return `${prefix}/${encodeURIComponent(id)}`;
}
