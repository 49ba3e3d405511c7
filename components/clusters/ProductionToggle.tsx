"use client";
import type { InputHTMLAttributes } from "react";
import styles from "./clusters.module.css";

/** The *production* checkbox with what it means, shared by registration and a cluster's settings. */
export function ProductionToggle(input: Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  return (
    <label className={styles.productionToggle}>
      <input type="checkbox" {...input} />
      <span>
        <strong>Production cluster</strong>
        <small>
          Deploys need a revision approved by someone other than its author, and the cluster&apos;s name typed to
          confirm.
        </small>
      </span>
    </label>
  );
}
