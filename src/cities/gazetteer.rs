//! Reading the gazetteer files that scripts/gazetteer/convert.py writes, and importing them.
use super::store;
use crate::db::Db;
use crate::error::AppError;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where the run command finds the gazetteer (relative to the project root, where the server runs).
pub const DEFAULT_DIR: &str = "gazetteer";

#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerCity {
    pub geonames_id: i64,
    pub name: String,
    pub country_code: String,
    pub latitude: f64,
    pub longitude: f64,
    pub timezone: String,
    pub population: i64,
    pub admin1_code: String,
    pub alternate_names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerCountry {
    pub code: String,
    pub name: String,
    pub continent: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}, line {line}: {reason}")]
    Malformed {
        path: PathBuf,
        line: usize,
        reason: &'static str,
    },
    #[error("the database refused the import (see the log)")]
    Database(AppError),
}

/// The text of `path`, or of `path` + ".gz" decompressed when only that exists.
fn read_text(path: &Path) -> Result<String, ImportError> {
    let read_error = |source| ImportError::Read {
        path: path.to_owned(),
        source,
    };
    let mut text = String::new();
    if path.exists() {
        std::fs::File::open(path)
            .and_then(|mut file| file.read_to_string(&mut text))
            .map_err(read_error)?;
    } else {
        let compressed = path.with_extension("tsv.gz");
        std::fs::File::open(&compressed)
            .and_then(|file| flate2::read::GzDecoder::new(file).read_to_string(&mut text))
            .map_err(read_error)?;
    }
    Ok(text)
}

fn parse_city(line: &str) -> Result<GazetteerCity, &'static str> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [id, name, country, latitude, longitude, timezone, population, admin1, alternates] =
        fields[..]
    else {
        return Err("expected 9 tab-separated fields");
    };
    let number = |text: &str| text.parse::<f64>().map_err(|_| "bad coordinate");
    Ok(GazetteerCity {
        geonames_id: id.parse().map_err(|_| "bad GeoNames id")?,
        name: name.to_owned(),
        country_code: country.to_owned(),
        latitude: number(latitude)?,
        longitude: number(longitude)?,
        timezone: timezone.to_owned(),
        population: population.parse().map_err(|_| "bad population")?,
        admin1_code: admin1.to_owned(),
        alternate_names: alternates
            .split('|')
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

fn parse_country(line: &str) -> Result<GazetteerCountry, &'static str> {
    match line.split('\t').collect::<Vec<_>>()[..] {
        [code, name, continent] => Ok(GazetteerCountry {
            code: code.to_owned(),
            name: name.to_owned(),
            continent: continent.to_owned(),
        }),
        _ => Err("expected 3 tab-separated fields"),
    }
}

fn parse_lines<T>(
    path: &Path,
    parse: fn(&str) -> Result<T, &'static str>,
) -> Result<Vec<T>, ImportError> {
    read_text(path)?
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            parse(line).map_err(|reason| ImportError::Malformed {
                path: path.to_owned(),
                line: index + 1,
                reason,
            })
        })
        .collect()
}

/// Reads countries.tsv and cities15000.tsv (or .tsv.gz) from `dir` and writes them to the
/// database; returns the number of cities. Re-importing updates the GeoNames cities in place and
/// keeps the cities moderators added.
pub async fn import(db: &Db, dir: &Path) -> Result<usize, ImportError> {
    let countries = parse_lines(&dir.join("countries.tsv"), parse_country)?;
    let cities = parse_lines(&dir.join("cities15000.tsv"), parse_city)?;
    store::import(db, &countries, &cities)
        .await
        .map_err(ImportError::Database)?;
    Ok(cities.len())
}

/// The run command's first start: import the gazetteer when the database has no city yet.
pub async fn import_if_empty(db: &Db, dir: &Path) -> Result<Option<usize>, ImportError> {
    if store::count(db).await.map_err(ImportError::Database)? > 0 {
        return Ok(None);
    }
    import(db, dir).await.map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_city_line() {
        let city = parse_city(
            "3448439\tSão Paulo\tBR\t-23.54750\t-46.63611\tAmerica/Sao_Paulo\t12400232\t27\tSampa|Sao Paolo",
        )
        .unwrap();
        assert_eq!(city.geonames_id, 3448439);
        assert_eq!(city.alternate_names, ["Sampa", "Sao Paolo"]);
        assert!((city.latitude + 23.5475).abs() < 1e-9);
    }

    #[test]
    fn refuses_a_short_line() {
        assert!(parse_city("1\tX\tFR").is_err());
        assert!(parse_city("x\tX\tFR\t1\t2\tEurope/Paris\t3\t\t").is_err());
        assert!(parse_country("FR\tFrance").is_err());
    }

    #[test]
    fn the_committed_gazetteer_parses() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_DIR);
        let cities = parse_lines(&dir.join("cities15000.tsv"), parse_city).unwrap();
        assert!(cities.len() > 30_000, "{} cities", cities.len());
        let countries = parse_lines(&dir.join("countries.tsv"), parse_country).unwrap();
        for city in &cities {
            assert!(
                countries.iter().any(|c| c.code == city.country_code),
                "{} has an unknown country {}",
                city.name,
                city.country_code
            );
        }
    }
}
