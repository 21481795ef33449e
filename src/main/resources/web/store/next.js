// Where to go after signing in: the `next` parameter, when it is a path on this site.

export function nextPath(query, fallback = '/') {
  const next = query.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}
