import { DataSource } from 'typeorm';
import { typeOrmOptions } from './typeorm-options';

/** For the TypeORM CLI (migration:generate / migration:create). */
export default new DataSource(typeOrmOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beamtime'));
