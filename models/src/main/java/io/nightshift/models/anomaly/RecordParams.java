package io.nightshift.models.anomaly;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.NoSuchElementException;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * Maps a settings record to the Spark params of the same names, in both directions, from the
 * record's own declaration: every component of the record is a param of the stage, so a component
 * added to the record cannot be left out of a copy (a missing param fails at the first use, naming
 * it). The params keep their doc comments, defaults and validators as default methods.
 */
final class RecordParams {
  private RecordParams() {}

  /** The components of a settings record, in declaration order. */
  static RecordComponent[] components(Class<? extends Record> type) {
    return type.getRecordComponents();
  }

  /** The param of {@code owner} named like the component; fails naming it when there is none. */
  @SuppressWarnings("unchecked")
  static Param<Object> param(Params owner, RecordComponent c) {
    try {
      return (Param<Object>) owner.getParam(c.getName());
    } catch (NoSuchElementException e) {
      throw new IllegalStateException(
          owner.getClass().getSimpleName()
              + " has no param for setting '"
              + c.getName()
              + "' of "
              + c.getDeclaringRecord().getSimpleName(),
          e);
    }
  }

  /** The value of one component of a record (boxed). */
  static Object value(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read setting '" + c.getName() + "'", e);
    }
  }

  /** A record built from values given in declaration order (its constructor validates them). */
  static <R extends Record> R build(Class<R> type, Object[] values) {
    RecordComponent[] cs = components(type);
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
    }
    try {
      Constructor<R> ctor = type.getDeclaredConstructor(types);
      return ctor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }
}
