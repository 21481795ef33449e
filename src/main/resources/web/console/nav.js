// What the console offers, and to whom: each section names the principal types (and the
// permissions, for roles given to other types) that the API itself admits for its routes.
const SELLERS = ['company', 'shop'];

/** Whether principal `p` may use a section that `types` and `permission` admit (admins hold every permission). */
export function allowed(p, { types = [], permission }) {
  if (!p) return false;
  if (types.includes(p.type)) return true;
  if (permission && (p.type === 'admin' || (p.permissions ?? []).includes(permission))) return true;
  return false;
}

export const SECTIONS = [
  { group: 'Selling', path: 'products', title: 'Products', types: SELLERS, module: 'products' },
  { group: 'Selling', path: 'stock', title: 'Stock and warehouses', types: SELLERS, module: 'stock' },
  { group: 'Selling', path: 'orders', title: 'Orders to fulfil', types: SELLERS, module: 'orders' },
  { group: 'Selling', path: 'sales', title: 'Sales', types: SELLERS, module: 'sales' },
  { group: 'Selling', path: 'reviews', title: 'Reviews', types: SELLERS, module: 'reviews' },
  { group: 'Warehouse', path: 'warehouse-stock', title: 'Warehouse stock', types: ['warehouse'], module: 'stock' },
  { group: 'Warehouse', path: 'pick-list', title: 'Pick list', types: ['warehouse'], module: 'orders' },
  { group: 'Warehouse', path: 'invitations', title: 'Invitations', types: ['warehouse'], module: 'invitations' },
  { group: 'Affiliate', path: 'links', title: 'Link builder', types: ['affiliate'], module: 'affiliate' },
  { group: 'Affiliate', path: 'performance', title: 'Orders and commissions', types: ['affiliate'], module: 'affiliate' },
  { group: 'Affiliate', path: 'payouts', title: 'Payouts', types: ['affiliate'], module: 'affiliate' },
  { group: 'Admin', path: 'accounts', title: 'Accounts', types: ['admin'], module: 'accounts' },
  { group: 'Admin', path: 'roles', title: 'Roles and permissions', types: ['admin'], module: 'roles' },
  { group: 'Admin', path: 'categories', title: 'Categories', permission: 'catalog:categories', module: 'categories' },
  { group: 'Admin', path: 'emails', title: 'Email log', permission: 'email:read', module: 'emails' },
  { group: 'Admin', path: 'templates', title: 'Email templates', permission: 'email:templates', module: 'templates' },
  { group: 'Admin', path: 'dead-deliveries', title: 'Dead deliveries', types: ['admin'], module: 'deliveries' },
  { group: 'Admin', path: 'analytics', title: 'Analytics', types: ['admin'], module: 'analytics' },
];

/** The sections `p` may use, in menu order. */
export const sectionsFor = p => SECTIONS.filter(s => allowed(p, s));
