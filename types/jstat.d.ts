// Minimal typings for the parts of jstat we use (the package ships none; its ESM form is a default export).
declare module 'jstat' {
  interface JStat {
    studentt: {
      cdf(x: number, dof: number): number
      inv(p: number, dof: number): number
    }
    normal: {
      cdf(x: number, mean: number, sd: number): number
      inv(p: number, mean: number, sd: number): number
    }
  }
  const jstat: { jStat: JStat }
  export default jstat
}
