-- Search finds an initiative by its country's name in every language the site ships
-- ("allemagne", "almanya"), not only GeoNames' English name: the application refills the index
-- with those names when it starts (store::rebuild_search_index_if_asked).
UPDATE search_state SET rebuild = 1;
