"""Views of the catalogue: public pages (``public``), urun beli (``urunbeli``), the operators' and
curators' area (``kelola``)."""
