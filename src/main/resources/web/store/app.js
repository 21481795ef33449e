// The storefront: every page, by address. Page modules load when first visited, so the
// first page only fetches the frame and its own module. The server sends index.html for
// these addresses (mercato.http.WebAssets.STORE_PAGES names them): keep the two lists alike.

import {rememberReferral} from './cart.js';
import * as layout from './layout.js';
import {route, start} from './router.js';

route('/', () => import('./pages/home.js'));
route('/products', () => import('./pages/products.js'));
route('/search', () => import('./pages/products.js'));
route('/products/:id', () => import('./pages/product.js'));
route('/cart', () => import('./pages/cart.js'));
route('/checkout', () => import('./pages/checkout.js'));
route('/orders', () => import('./pages/orders.js'));
route('/orders/:id', () => import('./pages/order.js'));
route('/sign-in', () => import('./pages/sign-in.js'));
route('/register', () => import('./pages/register.js'));
route('/verify-email', () => import('./pages/verify-email.js'));
route('/forgot-password', () => import('./pages/forgot-password.js'));
route('/reset-password', () => import('./pages/reset-password.js'));
route('/account', () => import('./pages/account.js'));
route('/notifications', () => import('./pages/notifications.js'));
route('/preferences', () => import('./pages/preferences.js'));
route('*', () => import('./pages/not-found.js'));

// An affiliate link (?ref=CODE) works on any page: the code rides along with the next add to cart.
rememberReferral();
layout.start();
start(document.getElementById('page'), 'Mercato');
