// The preference centre: which topics reach you on which channels (in-app and email here;
// webhooks are for integrations, SMS and push have no provider yet), product alerts you set
// up (back in stock, price drops) and order updates, each with a one-click unsubscribe.

import {api} from '/shared/api.js';
import {h, mount} from '/shared/dom.js';
import {problemBox} from '/shared/problems.js';
import * as session from '/shared/session.js';
import {toast} from '../layout.js';
import {navigate} from '../router.js';

const TOPICS = [
  ['order-updates', 'Order updates', 'When an order you placed is paid, shipped or delivered.'],
  ['promotions', 'Promotions', 'Offers and sales from the shops.'],
  ['back-in-stock', 'Back in stock', 'When a product you asked about can be ordered again.'],
  ['price-drop', 'Price drops', 'When a product you watch gets cheaper.'],
  ['account', 'Account', 'Security and account messages.'],
];
const CHANNELS = [['in-app', 'In the shop'], ['email', 'By email']];

export default async function preferences({root, title, signal}) {
  title('Notification preferences');
  if (!session.principal()) {
    navigate('/sign-in?next=/preferences', {replace: true});
    return;
  }
  mount(root, h('h1', 'Notification preferences'), h('div', {class: 'skeleton-line'}));
  const slot = h('div', {'aria-live': 'polite'});

  const render = async () => {
    let subscriptions;
    try {
      subscriptions = (await api.get('/notification/subscriptions', {signal})).items || [];
    } catch (problem) {
      if (problem.name !== 'AbortError') mount(root, h('h1', 'Notification preferences'), problemBox(problem));
      return;
    }
    const whole = (topic, channel) => subscriptions.some((s) => s.topic === topic && s.channel === channel && !s.subject);
    const toggle = async (event, topic, channel) => {
      const box = event.target;
      slot.replaceChildren();
      box.disabled = true;
      try {
        await api.post(box.checked ? '/notification/subscribe' : '/notification/unsubscribe', {topic, channel});
        toast(box.checked ? 'Subscribed.' : 'Unsubscribed.');
        await render();
      } catch (problem) {
        box.checked = !box.checked;
        slot.append(problemBox(problem));
      } finally {
        box.disabled = false;
      }
    };
    const narrowed = subscriptions.filter((s) => s.subject);
    mount(root,
      h('h1', 'Notification preferences'),
      h('p', 'Choose what we tell you about, and how. Notifications you get also appear under the bell.'),
      slot,
      h('div', {class: 'table-scroll'}, h('table', {id: 'preferences'},
        h('caption', {class: 'visually-hidden'}, 'Topics and channels'),
        h('thead', h('tr', h('th', {scope: 'col'}, 'Topic'), CHANNELS.map(([, label]) => h('th', {scope: 'col'}, label)))),
        h('tbody', TOPICS.map(([topic, label, hint]) => h('tr',
          h('th', {scope: 'row'}, label, h('br'), h('span', {class: 'small muted'}, hint)),
          CHANNELS.map(([channel, channelLabel]) => h('td', h('label', {class: 'check'},
            h('input', {type: 'checkbox', checked: whole(topic, channel), dataset: {topic, channel},
              onchange: (event) => toggle(event, topic, channel)}),
            h('span', {class: 'visually-hidden'}, `${label} ${channelLabel}`))))))))),
      h('h2', 'Alerts for one order or product'),
      narrowed.length ? h('ul', {class: 'plain', id: 'narrow-subscriptions'}, narrowed.map((s) => h('li', {class: 'row spread notification'},
        h('span', TOPICS.find(([t]) => t === s.topic)?.[1] || s.topic, ' · ',
          s.topic === 'order-updates' ? h('a', {href: '/orders/' + s.subject}, 'order ' + s.subject.slice(0, 8))
            : h('a', {href: '/products/' + s.subject}, 'a product'),
          h('span', {class: 'muted small'}, ' (' + (CHANNELS.find(([c]) => c === s.channel)?.[1] || s.channel) + ')')),
        h('button', {type: 'button', class: 'link', onclick: async () => {
          try {
            await api.post('/notification/unsubscribe', {topic: s.topic, channel: s.channel, subject: s.subject});
            toast('Unsubscribed.');
            await render();
          } catch (problem) {
            slot.append(problemBox(problem));
          }
        }}, 'Unsubscribe'))))
        : h('p', {class: 'muted'}, 'None. Checking out subscribes you to that order\'s updates.'),
      h('p', h('button', {type: 'button', class: 'secondary', id: 'unsubscribe-all', onclick: async () => {
        try {
          await Promise.all(subscriptions.map((s) => api.post('/notification/unsubscribe',
            {topic: s.topic, channel: s.channel, subject: s.subject || undefined})));
          toast('You are unsubscribed from everything.');
          await render();
        } catch (problem) {
          slot.append(problemBox(problem));
        }
      }}, 'Unsubscribe from everything')));
  };
  await render();
}
