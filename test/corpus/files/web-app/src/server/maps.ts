// Server-side Mapbox calls (uploads API) need a secret token.
export const MAPBOX_PUBLIC = 'pk.eyJ1IjoiYWNtZSIsImEiOiJ3ZGt5eDhmMzVzNml0bmhxNHdtdGJzNXljIn0.moHuX2CmZmEgM8hLiCu3GX';
export const MAPBOX_SECRET = 'sk.eyJ1IjoiYWNtZSIsImEiOiIycGkyNTZkazl5NG1tbjRhaXpmcHh3YXZtIn0._Y1ywO7vADmXTV_rgkX-1e';
