-- Products as inventory knows them: a read model fed by catalog events (owner, SKU,
-- low-stock threshold, soft delete). Never written by inventory's own routes.
CREATE TABLE products (
  product_id          uuid        PRIMARY KEY,
  seller_id           uuid        NOT NULL,
  sku                 text,
  low_stock_threshold integer     NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
  deleted             boolean     NOT NULL DEFAULT false,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_seller ON products (seller_id);
CREATE INDEX products_sku ON products (sku);

-- Warehouses owned by a selling company, optionally operated by one warehouse account.
CREATE TABLE warehouses (
  id                  uuid        PRIMARY KEY,
  owner_id            uuid        NOT NULL,
  name                text        NOT NULL,
  location            jsonb       NOT NULL,
  capacity            integer     NOT NULL CHECK (capacity >= 0),
  priority            integer     NOT NULL DEFAULT 100,   -- lower ships first
  operator_account_id uuid        UNIQUE,                 -- one warehouse per operator
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX warehouses_owner ON warehouses (owner_id);

-- Stock of one product in one warehouse. available = on_hand - reserved never goes below 0.
CREATE TABLE stock (
  product_id   uuid        NOT NULL,
  warehouse_id uuid        NOT NULL REFERENCES warehouses (id) ON DELETE CASCADE,
  on_hand      integer     NOT NULL CHECK (on_hand >= 0),
  reserved     integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (product_id, warehouse_id),
  CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
);
CREATE INDEX stock_warehouse ON stock (warehouse_id);

-- The ledger: every change of a stock row, in the transaction of the change, so that
-- on_hand = sum(delta_on_hand) and reserved = sum(delta_reserved) per row.
CREATE TABLE movements (
  id             bigserial   PRIMARY KEY,
  product_id     uuid        NOT NULL,
  warehouse_id   uuid        NOT NULL,
  delta_on_hand  integer     NOT NULL,
  delta_reserved integer     NOT NULL,
  reason         text        NOT NULL CHECK (reason IN ('set', 'adjust', 'receive', 'reserve', 'release', 'commit',
                                                        'expire', 'sync')),
  actor          text        NOT NULL,
  correlation_id text,
  note           text,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX movements_stock ON movements (product_id, warehouse_id);

-- One reservation per order; its lines say which warehouse holds how many units.
CREATE TABLE reservations (
  order_id   uuid        PRIMARY KEY,
  status     text        NOT NULL CHECK (status IN ('active', 'released', 'committed', 'expired')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservations_due ON reservations (expires_at) WHERE status = 'active';

CREATE TABLE reservation_lines (
  order_id     uuid    NOT NULL REFERENCES reservations (order_id) ON DELETE CASCADE,
  product_id   uuid    NOT NULL,
  warehouse_id uuid    NOT NULL,
  quantity     integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id, warehouse_id)
);

-- Inbound warehouse-stock messages already applied (or refused), recorded in the
-- transaction of their effect, so a redelivered message changes nothing.
CREATE TABLE inbound_messages (
  message_id   text        PRIMARY KEY,
  warehouse_id uuid,
  outcome      text        NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);
